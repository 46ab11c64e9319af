using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Admin.Pages.Binding.Requests;

/// <summary>One link request: compare it with the people already linked, then approve it or reject it with a reason.</summary>
[Authorize(Policy = Policies.EstateOffice)]
public class DetailModel(OwnerPortalDbContext db, TimeProvider clock, IConfiguration config, IStringLocalizer<Strings> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(LinkRequestDecisions.MaxReasonLength, ErrorMessage = "Validation.MaxLength"),
         Display(Name = "Admin.Binding.Requests.Reason")]
        public string? Reason { get; set; }
    }

    public LinkRequestRows.Row Item { get; private set; } = null!;
    /// <summary>Set when this clerk's decision came too late: someone else decided first.</summary>
    public bool DecidedElsewhere { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct)
    {
        ModelState.Clear(); // approving needs no reason
        var result = await LinkRequestDecisions.ApproveAsync(db, id, User.StaffIdOf()!.Value, Mail(), clock.GetUtcNow(), ct);
        return await AfterAsync(id, result, "Admin.Binding.Requests.Approved", ct);
    }

    public async Task<IActionResult> OnPostRejectAsync(int id, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await LoadAsync(id, ct) ? Page() : NotFound();
        var result = await LinkRequestDecisions.RejectAsync(db, id, User.StaffIdOf()!.Value, Input.Reason, Mail(), clock.GetUtcNow(), ct);
        if (result == LinkDecisionResult.ReasonRequired)
        {
            ModelState.AddModelError("Input.Reason", t["Validation.Required", t["Admin.Binding.Requests.Reason"]]);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        return await AfterAsync(id, result, "Admin.Binding.Requests.Rejected", ct);
    }

    private async Task<IActionResult> AfterAsync(int id, LinkDecisionResult result, string done, CancellationToken ct)
    {
        switch (result)
        {
            case LinkDecisionResult.Done:
                TempData["StatusMessage"] = done;
                return RedirectToPage("/Binding/Requests/Index");
            case LinkDecisionResult.AlreadyDecided:
                DecidedElsewhere = true;
                return await LoadAsync(id, ct) ? Page() : NotFound();
            default:
                return NotFound();
        }
    }

    private DecisionMail Mail() => new(t, config["PortalUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : CodesModel.DefaultPortalUrl);

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var rows = await LinkRequestRows.LoadAsync(db, db.UnitLinkRequests.Where(r => r.Id == id), ct);
        if (rows.Count == 0) return false;
        Item = rows[0];
        return true;
    }
}
