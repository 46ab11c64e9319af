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
public class ResendConfirmationModel(UserManager<AppUser> users, OwnerPortalDbContext db, AccountMail mail, AuthThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), Display(Name = "Account.Email")]
    public string Email { get; set; } = "";
    public bool Sent { get; private set; }

    public void OnGet() => ModelState.Clear();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        // Counted whether or not a mail goes out: a refusal must not tell who has an account.
        if (!throttle.TrySpend(AuthBudget.Mail, Email)) return StatusCode(StatusCodes.Status429TooManyRequests);
        var user = await users.FindByEmailAsync(Email.Trim());
        // The same answer whether or not the address has an account: nobody learns who is registered.
        if (user is { EmailConfirmed: false })
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
            mail.ConfirmEmail(user, Url.Page("/Account/ConfirmEmail", null, new { userId = user.Id, code = token }, Request.Scheme)!);
            await db.SaveChangesAsync();
        }
        Sent = true;
        return Page();
    }
}
