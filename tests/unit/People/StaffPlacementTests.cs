using OwnerPortal.Core.Domain.People;
using static OwnerPortal.Core.Domain.People.StaffPlacementError;

namespace OwnerPortal.UnitTests.People;

/// <summary>SPEC 1: estate-level roles belong to one estate (and a department of it); company-level roles to none.</summary>
public class StaffPlacementTests
{
    private const int Estate = 3, OtherEstate = 4, Department = 30;

    [Theory]
    [InlineData(StaffRole.Dispatcher, false)]
    [InlineData(StaffRole.DepartmentSupervisor, false)]
    [InlineData(StaffRole.EstateManager, false)]
    [InlineData(StaffRole.QualityOffice, true)]
    [InlineData(StaffRole.Leadership, true)]
    [InlineData(StaffRole.SystemAdmin, true)]
    public void Quality_office_leadership_and_administrators_are_company_level(StaffRole role, bool companyLevel) =>
        Assert.Equal(companyLevel, StaffPlacement.IsCompanyLevel(role));

    [Theory]
    [InlineData(StaffRole.Dispatcher)]
    [InlineData(StaffRole.EstateManager)]
    public void Dispatchers_and_managers_need_an_estate_and_may_have_a_department_of_it(StaffRole role)
    {
        Assert.Empty(StaffPlacement.Check(role, Estate, null, null));
        Assert.Empty(StaffPlacement.Check(role, Estate, Department, Estate));
        Assert.Equal([EstateRequired], StaffPlacement.Check(role, null, null, null));
    }

    [Fact]
    public void A_department_supervisor_needs_an_estate_and_a_department_of_that_estate()
    {
        Assert.Empty(StaffPlacement.Check(StaffRole.DepartmentSupervisor, Estate, Department, Estate));
        Assert.Equal([DepartmentRequired], StaffPlacement.Check(StaffRole.DepartmentSupervisor, Estate, null, null));
        Assert.Equal([EstateRequired, DepartmentRequired], StaffPlacement.Check(StaffRole.DepartmentSupervisor, null, null, null));
    }

    [Theory]
    [InlineData(StaffRole.Dispatcher)]
    [InlineData(StaffRole.DepartmentSupervisor)]
    [InlineData(StaffRole.EstateManager)]
    public void A_department_of_another_estate_is_refused(StaffRole role)
    {
        Assert.Equal([DepartmentOutsideEstate], StaffPlacement.Check(role, Estate, Department, OtherEstate));
        // A department id that does not exist has no estate: refused the same way.
        Assert.Equal([DepartmentOutsideEstate], StaffPlacement.Check(role, Estate, 999, null));
    }

    [Theory]
    [InlineData(StaffRole.QualityOffice)]
    [InlineData(StaffRole.Leadership)]
    [InlineData(StaffRole.SystemAdmin)]
    public void Company_level_roles_have_neither_estate_nor_department(StaffRole role)
    {
        Assert.Empty(StaffPlacement.Check(role, null, null, null));
        Assert.Equal([EstateNotAllowed], StaffPlacement.Check(role, Estate, null, null));
        Assert.Equal([DepartmentNotAllowed], StaffPlacement.Check(role, null, Department, Estate));
        Assert.Equal([EstateNotAllowed, DepartmentNotAllowed], StaffPlacement.Check(role, Estate, Department, Estate));
    }
}
