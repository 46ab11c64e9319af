using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Portal.Identity;

namespace OwnerPortal.Portal.Pages.Account;

[EnableRateLimiting(PortalIdentity.AuthRateLimit)]
public class ForgotPasswordModel(UserManager<AppUser> users, OwnerPortalDbContext db, AccountMail mail, AuthThrottle throttle) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), Display(Name = "Account.Email")]
    public string Email { get; set; } = "";
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        // Counted whether or not a mail goes out: a refusal must not tell who has an account.
        if (!throttle.TrySpend(AuthBudget.Mail, Email)) return StatusCode(StatusCodes.Status429TooManyRequests);
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is { EmailConfirmed: true })
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            mail.ResetPassword(user, Url.Page("/Account/ResetPassword", null, new { email = user.Email, code = token }, Request.Scheme)!);
            await db.SaveChangesAsync();
        }
        Sent = true; // same answer for unknown addresses
        return Page();
    }
}
