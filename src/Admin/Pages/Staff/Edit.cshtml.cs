using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Admin.Identity;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Admin.Pages.Staff;

/// <summary>One staff member: role, estate, department, active; and a new one-time password when they need one.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
public class EditModel(OwnerPortalDbContext db, StaffAccounts accounts, IStringLocalizer<Strings> t, TimeProvider clock) : PageModel, IPlacementForm
{
    [BindProperty] public InputModel Input { get; set; } = new();
    PlacementInput IPlacementForm.Input => Input;
    public StaffChoices Choices { get; private set; } = StaffChoices.None;
    public Person Who { get; private set; } = null!;
    public string? OneTimePassword { get; private set; }
    public bool IsSelf => User.StaffIdOf() == Who.Id;

    public record Person(int Id, string FullName, string Email, string Phone, bool HasAccount, bool IsLockedOut);

    public class InputModel : PlacementInput
    {
        [Display(Name = "Admin.Staff.IsActive")]
        public bool IsActive { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null || !await LoadAsync(id, ct)) return NotFound();
        Input = new InputModel { Role = staff.Role, EstateId = staff.EstateId, DepartmentId = staff.DepartmentId, IsActive = staff.IsActive };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await accounts.UpdateAsync(id,
            new StaffAccounts.Placement(Input.Role!.Value, Input.EstateId, Input.DepartmentId, Input.IsActive), User.StaffIdOf(), ct);
        if (!result.Succeeded)
        {
            StaffChoices.AddErrors(ModelState, result, t);
            return Page();
        }
        TempData["StatusMessage"] = "Admin.Staff.Saved";
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var staff = await db.Staff.AsNoTracking().FirstAsync(s => s.Id == id, ct);
        ModelState.Clear(); // this form posts no Input: show the saved values
        Input = new InputModel { Role = staff.Role, EstateId = staff.EstateId, DepartmentId = staff.DepartmentId, IsActive = staff.IsActive };
        var result = await accounts.ResetPasswordAsync(id, ct);
        if (!result.Succeeded)
        {
            StaffChoices.AddErrors(ModelState, result, t);
            return Page();
        }
        Response.Headers.CacheControl = "no-store"; // the password is in this response only
        OneTimePassword = result.OneTimePassword;
        await LoadAsync(id, ct); // lock-out state after the reset
        return Page();
    }

    /// <summary>The person and the selects; false if there is no such staff member.</summary>
    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var person = await db.Staff.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new Person(s.Id, s.FullName, s.Email, s.Phone, s.UserId != null,
                db.Users.Any(u => u.Id == s.UserId && u.LockoutEnd != null && u.LockoutEnd > now)))
            .FirstOrDefaultAsync(ct);
        if (person is null) return false;
        Who = person;
        Choices = await StaffChoices.LoadAsync(db, ct);
        return true;
    }
}
