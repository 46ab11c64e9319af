using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Portal.Pages.Account;

/// <summary>Change the password; also where a staff member's first sign-in is sent to choose their own.</summary>
public class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool MustChange { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.CurrentPassword")]
        public string CurrentPassword { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Display(Name = "Account.NewPassword")]
        public string NewPassword { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), DataType(DataType.Password), Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer"), Display(Name = "Account.ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task OnGetAsync() => MustChange = (await users.GetUserAsync(User))?.MustChangePassword == true;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        MustChange = user.MustChangePassword;
        if (!ModelState.IsValid) return Page();
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
            return Page();
        }
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }
        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Account.ChangePassword.Done";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/Account");
    }
}
