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
public class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuthThrottle throttle, IStringLocalizer<Strings> t, OwnerPortal.Core.Data.OwnerPortalDbContext db) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), Display(Name = "Account.Email")]
        public string Email { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.Password")]
        public string Password { get; set; } = "";
        [Display(Name = "Account.RememberMe")]
        public bool RememberMe { get; set; }
    }

    /// <summary>A hash to check against when no account has the address, so the answer takes as long as for a wrong password.</summary>
    private static readonly Lazy<string> NoAccountHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var email = Input.Email.Trim();
        if (throttle.IsSpent(AuthBudget.FailedSignIn, email)) return StatusCode(StatusCodes.Status429TooManyRequests);
        var user = await users.FindByNameAsync(email);
        if (user is null) users.PasswordHasher.VerifyHashedPassword(new AppUser(), NoAccountHash.Value, Input.Password); // same time as a wrong password
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await Display.LargeText.OnSignedInAsync(HttpContext, db, user!.Id);
            var target = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Account";
            return user?.MustChangePassword == true
                ? RedirectToPage("/Account/ChangePassword", new { returnUrl = target })
                : LocalRedirect(target);
        }
        throttle.Spend(AuthBudget.FailedSignIn, email);
        // One answer for a wrong password, a locked or deactivated account and an unconfirmed address: a stranger must
        // not learn that an account exists. (The page always offers a new confirmation mail.)
        ModelState.AddModelError("", t["Account.Login.Refused"]);
        return Page();
    }
}
