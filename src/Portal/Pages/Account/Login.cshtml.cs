using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Portal.Identity;

namespace OwnerPortal.Portal.Pages.Account;

[EnableRateLimiting(PortalIdentity.AuthRateLimit)]
public class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<Strings> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool ShowResend { get; private set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), Display(Name = "Account.Email")]
        public string Email { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.Password")]
        public string Password { get; set; } = "";
        [Display(Name = "Account.RememberMe")]
        public bool RememberMe { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await users.FindByEmailAsync(Input.Email.Trim());
            var target = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Account";
            return user?.MustChangePassword == true
                ? RedirectToPage("/Account/ChangePassword", new { returnUrl = target })
                : LocalRedirect(target);
        }
        if (result.IsLockedOut)
        {
            // "Wait 15 minutes or reset the password" would not help someone whose account was deactivated.
            var deactivated = await users.FindByEmailAsync(Input.Email.Trim()) is { } locked && AccountLock.IsDeactivated(locked);
            ModelState.AddModelError("", t[deactivated ? "Account.Login.Deactivated" : "Account.Login.LockedOut"]);
        }
        else if (result.IsNotAllowed)
        {
            ModelState.AddModelError("", t["Account.Login.NotConfirmed"]);
            ShowResend = true;
        }
        else ModelState.AddModelError("", t["Account.Login.Failed"]);
        return Page();
    }
}
