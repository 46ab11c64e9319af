namespace OwnerPortal.Core.Domain.People;

/// <summary>What is wrong with where a staff member is placed; each names the field to correct.</summary>
public enum StaffPlacementError
{
    /// <summary>Dispatchers, supervisors and estate managers work for one estate.</summary>
    EstateRequired,
    /// <summary>Quality office, leadership and system administrators work for the company, not an estate.</summary>
    EstateNotAllowed,
    /// <summary>A department supervisor heads a department.</summary>
    DepartmentRequired,
    /// <summary>The department is another estate's.</summary>
    DepartmentOutsideEstate,
    /// <summary>Company-level roles have no estate, so no estate department either.</summary>
    DepartmentNotAllowed,
}

/// <summary>SPEC 1: staff belong to one estate or to the company, and to a department of that estate.</summary>
public static class StaffPlacement
{
    public static bool IsCompanyLevel(StaffRole role) =>
        role is StaffRole.QualityOffice or StaffRole.Leadership or StaffRole.SystemAdmin;

    /// <summary>
    /// Checks a role, estate and department together. <paramref name="departmentEstateId"/> is the estate the chosen
    /// department belongs to (null when no department is chosen). Empty when the placement is valid.
    /// </summary>
    public static IReadOnlyList<StaffPlacementError> Check(StaffRole role, int? estateId, int? departmentId, int? departmentEstateId)
    {
        var errors = new List<StaffPlacementError>();
        if (IsCompanyLevel(role))
        {
            if (estateId is not null) errors.Add(StaffPlacementError.EstateNotAllowed);
            if (departmentId is not null) errors.Add(StaffPlacementError.DepartmentNotAllowed);
            return errors;
        }
        if (estateId is null) errors.Add(StaffPlacementError.EstateRequired);
        if (departmentId is null)
        {
            if (role == StaffRole.DepartmentSupervisor) errors.Add(StaffPlacementError.DepartmentRequired);
        }
        else if (estateId is not null && departmentEstateId != estateId)
        {
            errors.Add(StaffPlacementError.DepartmentOutsideEstate);
        }
        return errors;
    }
}
