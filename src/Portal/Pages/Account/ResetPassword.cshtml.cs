using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Portal.Identity;

namespace OwnerPortal.Portal.Pages.Account;

[EnableRateLimiting(PortalIdentity.AuthRateLimit)]
public class ResetPasswordModel(UserManager<AppUser> users, AuthThrottle throttle, IStringLocalizer<Strings> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Done { get; private set; }

    public class InputModel
    {
        [Required] public string Email { get; set; } = "";
        [Required] public string Code { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.NewPassword")]
        public string Password { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer"), Display(Name = "Account.ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";
    }

    public IActionResult OnGet(string? email, string? code)
    {
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(code)) return RedirectToPage("/Account/ForgotPassword");
        Input = new InputModel { Email = email, Code = code };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (throttle.IsSpent(AuthBudget.FailedReset, Input.Email)) return StatusCode(StatusCodes.Status429TooManyRequests);
        var user = await users.FindByEmailAsync(Input.Email);
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Input.Code)); }
        catch (FormatException) { token = ""; }
        var result = user is null ? IdentityResult.Failed(new IdentityError { Description = t["Identity.InvalidToken"] })
            : await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            throttle.Spend(AuthBudget.FailedReset, Input.Email);
            foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
            return Page();
        }
        // Proving control of the mailbox also lifts a lockout, but not an administrator's deactivation.
        if (!AccountLock.IsDeactivated(user!)) await users.SetLockoutEndDateAsync(user!, null);
        await users.ResetAccessFailedCountAsync(user!);
        Done = true;
        return Page();
    }
}
