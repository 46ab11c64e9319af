using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Portal.Pages.Account;

/// <summary>Asks customer service to link the owner to a unit when they have no code.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.Owner)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(OwnerPortal.Portal.Identity.PortalIdentity.AuthRateLimit)]
public class RequestLinkModel(OwnerPortalDbContext db, AuthThrottle throttle, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<(int Id, string Name)> Estates { get; private set; } = [];

    public class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Account.RequestLink.Estate")]
        public int? EstateId { get; set; }
        [Required(ErrorMessage = "Validation.Required"), StringLength(40, ErrorMessage = "Validation.MaxLength"), Display(Name = "Account.RequestLink.Unit")]
        public string UnitNumber { get; set; } = "";
        [Display(Name = "Account.Bind.Relation")]
        public UnitRelation Relation { get; set; } = UnitRelation.Owner;
        [StringLength(500, ErrorMessage = "Validation.MaxLength"), Display(Name = "Account.RequestLink.Note")]
        public string? Note { get; set; }
    }

    public async Task OnGetAsync() => await LoadEstatesAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadEstatesAsync();
        if (!BindModel.Choices.Contains(Input.Relation)) ModelState.AddModelError("Input.Relation", t["Validation.Choice"]);
        if (!ModelState.IsValid) return Page();
        var number = Input.UnitNumber.Trim();
        var unitId = await db.Units.Where(u => u.EstateId == Input.EstateId && u.Number == number).Select(u => (int?)u.Id).FirstOrDefaultAsync();
        if (unitId is null)
        {
            ModelState.AddModelError("Input.UnitNumber", t["Account.RequestLink.NoSuchUnit"]);
            return Page();
        }
        var personId = User.PersonIdOf()!.Value;
        if (await UnitBindings.IsLinkedAsync(db, personId, unitId.Value)
            || await db.UnitLinkRequests.AnyAsync(r => r.PersonId == personId && r.UnitId == unitId && r.Status == LinkRequestStatus.Pending))
        {
            ModelState.AddModelError("Input.UnitNumber", t["Account.RequestLink.Duplicate"]);
            return Page();
        }
        if (!throttle.TrySpend(AuthBudget.LinkRequest, User.Identity?.Name)) return StatusCode(StatusCodes.Status429TooManyRequests);
        db.UnitLinkRequests.Add(new UnitLinkRequest
        {
            PersonId = personId, UnitId = unitId.Value, Relation = Input.Relation, Note = Input.Note?.Trim(),
            Status = LinkRequestStatus.Pending, CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same request is pending already: a double submit, or this save retried after its commit went
            // through unacknowledged. Either way the request is there, once.
        }
        TempData["StatusMessage"] = "Account.RequestLink.Sent";
        return RedirectToPage("/Account/Index");
    }

    private async Task LoadEstatesAsync() =>
        Estates = (await db.Estates.AsNoTracking().OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync())
            .Select(e => (e.Id, e.Name)).ToList();
}
