using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Portal.Identity;

namespace OwnerPortal.Portal.Pages.Account;

[EnableRateLimiting(PortalIdentity.AuthRateLimit)]
public class RegisterModel(UserManager<AppUser> users, OwnerPortalDbContext db, AccountMail mail, TimeProvider clock) : PageModel
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
        var now = clock.GetUtcNow();
        var user = new AppUser
        {
            UserName = Input.Email.Trim(), Email = Input.Email.Trim(), PhoneNumber = Input.Mobile.Trim(),
            FullName = Input.FullName.Trim(), CreatedAt = now,
        };
        // The account, the person and the confirmation mail are one transaction: all or nothing.
        await using var tx = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors) ModelState.AddModelError("", error.Description);
            return Page();
        }
        db.People.Add(new Person { FullName = user.FullName, Phone = user.PhoneNumber, Email = user.Email, UserId = user.Id });
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        mail.ConfirmEmail(user, Url.Page("/Account/ConfirmEmail", null, new { userId = user.Id, code = token }, Request.Scheme)!);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return RedirectToPage("/Account/RegisterConfirmation", new { email = user.Email });
    }
}
