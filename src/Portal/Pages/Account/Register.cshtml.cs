using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Portal.Identity;

namespace OwnerPortal.Portal.Pages.Account;

[EnableRateLimiting(PortalIdentity.AuthRateLimit)]
public class RegisterModel(UserManager<AppUser> users, OwnerPortalDbContext db, AccountMail mail, AuthThrottle throttle, TimeProvider clock) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(50, ErrorMessage = "Validation.MaxLength"), Display(Name = "Account.FullName")]
        public string FullName { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), Display(Name = "Account.Email")]
        public string Email { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), RegularExpression(@"^1[3-9]\d{9}$", ErrorMessage = "Validation.Mobile"), Display(Name = "Account.Mobile")]
        public string Mobile { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.Password")]
        public string Password { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer"), Display(Name = "Account.ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (throttle.IsSpent(AuthBudget.Mail, Input.Email)) return StatusCode(StatusCodes.Status429TooManyRequests);
        var now = clock.GetUtcNow();
        // Fixed across retries: a retry after a commit whose acknowledgement was lost finds this account made.
        var userId = Guid.NewGuid().ToString();
        // The account, the person and the confirmation mail are one transaction: all or nothing.
        return await db.InTransactionAsync<IActionResult>(async tx =>
        {
            if (await users.FindByIdAsync(userId) is { } made)
                return RedirectToPage("/Account/RegisterConfirmation", new { email = made.Email });
            var user = new AppUser
            {
                Id = userId, UserName = Input.Email.Trim(), Email = Input.Email.Trim(), PhoneNumber = Input.Mobile.Trim(),
                FullName = Input.FullName.Trim(), CreatedAt = now,
            };
            var created = await users.CreateAsync(user, Input.Password);
            // Identity checks the password before the address, so a taken address gets here only with a valid password.
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                return await AnswerTakenAsync(user.Email!, tx);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors) ModelState.AddModelError("", error.Description);
                return Page();
            }
            // Mails in the language this person reads the site in now (browser or chosen); changeable on the account page.
            db.People.Add(new Person { FullName = user.FullName, Phone = user.PhoneNumber, Email = user.Email, UserId = user.Id,
                Language = SiteCultures.NameOf(CultureInfo.CurrentUICulture) });
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
            mail.ConfirmEmail(user, Url.Page("/Account/ConfirmEmail", null, new { userId = user.Id, code = token }, Request.Scheme)!);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            throttle.Spend(AuthBudget.Mail, user.Email);
            return RedirectToPage("/Account/RegisterConfirmation", new { email = user.Email });
        });
    }

    /// <summary>The address has an account: the same next page as a new registration, and a mail to the address.</summary>
    private async Task<IActionResult> AnswerTakenAsync(string email, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx)
    {
        var existing = await users.FindByEmailAsync(email) ?? await users.FindByNameAsync(email);
        var language = existing is null ? null : await db.People.Where(p => p.UserId == existing.Id).Select(p => p.Language).FirstOrDefaultAsync();
        mail.RegisterAttempt(existing?.Email ?? email, existing?.FullName, language,
            Url.Page("/Account/Login", null, null, Request.Scheme)!, Url.Page("/Account/ForgotPassword", null, null, Request.Scheme)!);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        throttle.Spend(AuthBudget.Mail, email);
        return RedirectToPage("/Account/RegisterConfirmation", new { email });
    }
}
