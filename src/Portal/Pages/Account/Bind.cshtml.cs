using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Portal.Identity;

namespace OwnerPortal.Portal.Pages.Account;

/// <summary>Links the owner to a unit with the one-time code from the estate office's letter.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.Owner)]
[EnableRateLimiting(PortalIdentity.AuthRateLimit)] // codes must not be guessable by trying many
public class BindModel(OwnerPortalDbContext db, AuthThrottle throttle, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(20, ErrorMessage = "Validation.MaxLength"), Display(Name = "Account.Bind.Code")]
        public string Code { get; set; } = "";
        [Display(Name = "Account.Bind.Relation")]
        public UnitRelation Relation { get; set; } = UnitRelation.Owner;
    }

    public static readonly UnitRelation[] Choices = [UnitRelation.Owner, UnitRelation.CoOwner, UnitRelation.Family, UnitRelation.Resident];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Choices.Contains(Input.Relation)) ModelState.AddModelError("Input.Relation", t["Validation.Choice"]);
        if (!ModelState.IsValid) return Page();
        if (throttle.IsSpent(AuthBudget.FailedCode, User.Identity?.Name)) return StatusCode(StatusCodes.Status429TooManyRequests);
        var (result, _) = await UnitBindings.BindWithCodeAsync(db, User.PersonIdOf()!.Value, Input.Code, Input.Relation, clock.GetUtcNow());
        switch (result)
        {
            case BindResult.Bound:
                TempData["StatusMessage"] = "Account.Bind.Done";
                return RedirectToPage("/Account/Index");
            case BindResult.AlreadyLinked:
                ModelState.AddModelError("Input.Code", t["Account.Bind.AlreadyLinked"]);
                return Page();
            default:
                throttle.Spend(AuthBudget.FailedCode, User.Identity?.Name);
                ModelState.AddModelError("Input.Code", t["Account.Bind.Invalid"]);
                return Page();
        }
    }
}
