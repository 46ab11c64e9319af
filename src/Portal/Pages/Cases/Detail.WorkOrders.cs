using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.WorkOrders;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Portal.Pages.Cases;

/// <summary>
/// A repair's work orders for the owner (SPEC 2, 002 第五节): accept or decline a paid quote before work starts, and
/// sign off the completed work with a comment. Only the case's household decides (OwnerCaseRights);
/// an owner who merely follows a public-area case sees the orders but cannot act on them.
/// </summary>
public partial class DetailModel
{
    /// <summary>The signed-in owner is linked to the case's unit and so decides on its work orders.</summary>
    public bool MayDecideWork { get; private set; }

    [BindProperty, StringLength(1000, ErrorMessage = "Validation.MaxLength"), Display(Name = "WorkOrders.DeclineReason")]
    public string? DeclineReason { get; set; }

    [BindProperty, StringLength(1000, ErrorMessage = "Validation.MaxLength"), Display(Name = "WorkOrders.SignOffComment")]
    public string? SignOffComment { get; set; }

    /// <summary>An owner's name as this viewer may see it: an owner who only joined the case sees none.</summary>
    public string OwnerName(string? name) => OwnerCaseRights.May(Standing, OwnerRight.SeeOwnerNames) ? name ?? "" : "";

    /// <summary>The next step is the household's: a quote waits for their answer, so no department countdown runs.</summary>
    public bool QuoteAwaitsYou => Case.WorkOrders.Any(o => o.QuoteAwaitsOwner);

    public IReadOnlyList<WorkOrder> WorkOrdersNewestFirst =>
        Case.WorkOrders.Where(w => w.Stage != WorkOrderStage.Cancelled).OrderByDescending(w => w.IssuedAt).ThenByDescending(w => w.Id).ToList();

    /// <summary><paramref name="revision"/>: the quote the owner saw; a quote revised meanwhile is not accepted unseen.</summary>
    public Task<IActionResult> OnPostAcceptQuoteAsync(long id, long order, int revision, CancellationToken ct) =>
        DecideAsync(id, order, "WorkOrders.Done.Accepted", ct, (o, actor, now) => { o.AcceptQuote(Case, actor, now, revision); return true; });

    public Task<IActionResult> OnPostDeclineQuoteAsync(long id, long order, int revision, CancellationToken ct) =>
        DecideAsync(id, order, "WorkOrders.Done.Declined", ct, (o, actor, now) =>
        {
            if (string.IsNullOrWhiteSpace(DeclineReason)) { ModelState.AddModelError(nameof(DeclineReason), t["Validation.Required", t["WorkOrders.DeclineReason"]]); return false; }
            o.DeclineQuote(Case, actor, now, DeclineReason, revision);
            return true;
        });

    public Task<IActionResult> OnPostSignOffAsync(long id, long order, CancellationToken ct) =>
        DecideAsync(id, order, "WorkOrders.Done.SignedOff", ct, (o, actor, now) =>
        {
            if (string.IsNullOrWhiteSpace(SignOffComment)) { ModelState.AddModelError(nameof(SignOffComment), t["Validation.Required", t["WorkOrders.SignOffComment"]]); return false; }
            o.SignOff(Case, SignOffComment, actor, now);
            return true;
        });

    /// <summary>
    /// An owner's decision on one order of a case of their unit: another owner gets 404 as for the case itself; a step
    /// that is no longer possible (staff revised the quote meanwhile, a second tab) is refused and the page shows now.
    /// </summary>
    private async Task<IActionResult> DecideAsync(long id, long order, string done, CancellationToken ct, Func<WorkOrder, Actor, DateTimeOffset, bool> apply)
    {
        if (!await LoadAsync(id, ct) || !MayDecideWork) return NotFound();
        if (Case.WorkOrders.FirstOrDefault(w => w.Id == order) is not { } o) return NotFound();
        if (!ModelState.IsValid) return Page();
        var actor = new Actor(ActorKind.Owner, User.FindFirst("name")?.Value ?? "", PersonId: User.PersonIdOf());
        try
        {
            if (!apply(o, actor, clock.GetUtcNow())) return Page();
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is WorkflowException or DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t[e is WorkflowException ? "Cases.Detail.NotNow" : "Cases.Detail.Conflict"]);
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Page();
        }
        StatusMessage = done;
        return RedirectToPage(new { id });
    }
}
