using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Admin.Identity;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Admin.Pages.Staff;

/// <summary>Role, estate and department: the part of the form the new-account and edit pages share (_Placement).</summary>
public class PlacementInput
{
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.Staff.Role")]
    public StaffRole? Role { get; set; }
    [Display(Name = "Admin.Staff.Estate")]
    public int? EstateId { get; set; }
    [Display(Name = "Admin.Staff.Department")]
    public int? DepartmentId { get; set; }
}

/// <summary>A page that shows _Placement: its Input carries the three fields (names stay "Input.Role" etc.).</summary>
public interface IPlacementForm
{
    PlacementInput Input { get; }
    StaffChoices Choices { get; }
}

/// <summary>What the selects offer: every estate and its departments (a system administrator sees the whole company).</summary>
public sealed record StaffChoices(IReadOnlyList<StaffChoices.EstateOption> Estates, IReadOnlyList<StaffChoices.DepartmentOption> Departments)
{
    public sealed record EstateOption(int Id, string Name);
    public sealed record DepartmentOption(int Id, int EstateId, DepartmentKind Kind);

    public static readonly StaffChoices None = new([], []);

    public static async Task<StaffChoices> LoadAsync(OwnerPortalDbContext db, CancellationToken ct) => new(
        await db.Estates.AsNoTracking().OrderBy(e => e.Id).Select(e => new EstateOption(e.Id, e.Name)).ToListAsync(ct),
        await db.Departments.AsNoTracking().OrderBy(d => d.EstateId).ThenBy(d => d.Kind)
            .Select(d => new DepartmentOption(d.Id, d.EstateId, d.Kind)).ToListAsync(ct));

    /// <summary>Puts a refused change on the form: each placement rule on its field, other reasons above the form.</summary>
    public static void AddErrors(ModelStateDictionary state, StaffAccounts.Result result, IStringLocalizer<Strings> t, string emailField = "")
    {
        foreach (var error in result.PlacementErrors ?? [])
        {
            var field = error is StaffPlacementError.EstateRequired or StaffPlacementError.EstateNotAllowed ? "EstateId" : "DepartmentId";
            state.AddModelError($"Input.{field}", t[$"Admin.Staff.{error}"]);
        }
        switch (result.Error)
        {
            case StaffAccountError.DuplicateEmail: state.AddModelError(emailField, t["Admin.Staff.DuplicateEmail"]); break;
            case StaffAccountError.OwnAccount: state.AddModelError("", t["Admin.Staff.OwnAccount"]); break;
            case StaffAccountError.Other:
                foreach (var message in result.Messages ?? []) state.AddModelError("", message);
                break;
        }
    }
}
