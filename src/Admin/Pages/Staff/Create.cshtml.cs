using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OwnerPortal.Admin.Identity;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Admin.Pages.Staff;

/// <summary>A new staff member with a sign-in account; the one-time password is shown on the answer to the post only.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
public class CreateModel(OwnerPortalDbContext db, StaffAccounts accounts, IStringLocalizer<Strings> t) : PageModel, IPlacementForm
{
    [BindProperty] public InputModel Input { get; set; } = new();
    PlacementInput IPlacementForm.Input => Input;
    public StaffChoices Choices { get; private set; } = StaffChoices.None;
    /// <summary>Set once the account exists: shown in this response and never stored in plain text.</summary>
    public string? OneTimePassword { get; private set; }
    public int? CreatedStaffId { get; private set; }

    public class InputModel : PlacementInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(50, ErrorMessage = "Validation.MaxLength"), Display(Name = "Account.FullName")]
        public string FullName { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"),
         StringLength(256, ErrorMessage = "Validation.MaxLength"), Display(Name = "Account.Email")]
        public string Email { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), RegularExpression(@"^1[3-9]\d{9}$", ErrorMessage = "Validation.Mobile"), Display(Name = "Account.Mobile")]
        public string Mobile { get; set; } = "";
    }

    public async Task OnGetAsync(CancellationToken ct) => Choices = await StaffChoices.LoadAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Choices = await StaffChoices.LoadAsync(db, ct);
        if (!ModelState.IsValid) return Page();
        var result = await accounts.CreateAsync(new StaffAccounts.NewStaff(
            Input.FullName, Input.Email, Input.Mobile.Trim(), Input.Role!.Value, Input.EstateId, Input.DepartmentId), ct);
        if (!result.Succeeded)
        {
            StaffChoices.AddErrors(ModelState, result, t, emailField: "Input.Email");
            return Page();
        }
        // Not a redirect: the password would have to be kept somewhere until the next request.
        Response.Headers.CacheControl = "no-store";
        (OneTimePassword, CreatedStaffId) = (result.OneTimePassword, result.StaffId);
        return Page();
    }
}
