using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Hotline;
using OwnerPortal.Core.Hotline;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Hotline;

/// <summary>
/// One hotline matter with its handling file. The desk sends the file and closes the matter with a note; the estate
/// records its first response and its completion. Estate staff find only files sent to their own estate (404 otherwise).
/// </summary>
[Authorize(Policy = Policies.Hotline)]
public class DetailModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, IConfiguration config) : PageModel
{
    public HotlineTicket Ticket { get; private set; } = null!;
    public HotlineView View { get; private set; } = null!;
    public string? CaseDescription { get; private set; }
    public bool IsDesk => User.EstateIdOf() is null && Policies.StaffPolicies[Policies.QualityOffice].Contains(User.StaffRoleOf() ?? default);
    public bool IsEstate => User.EstateIdOf() is not null;
    public TimeZoneInfo Zone { get; } = LocalTime.Zone(null);
    [TempData] public string? StatusMessage { get; set; }

    [BindProperty, StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Hotline.Text")]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostSendFileAsync(long id, CancellationToken ct) => ActAsync(id, IsDesk, "Admin.Hotline.FileSentDone", async ticket =>
        await HotlineDesk.SendHandlingFileAsync(db, ticket, Text!, Name(), clock.GetUtcNow(), t, config["AdminUrl"] ?? "http://127.0.0.1:5090", ct), ct);

    public Task<IActionResult> OnPostRespondAsync(long id, CancellationToken ct) => ActAsync(id, IsEstate, "Admin.Hotline.ResponseSaved", ticket =>
    {
        ticket.RecordFirstResponse(clock.GetUtcNow(), Text!, Name());
        return Task.CompletedTask;
    }, ct);

    public Task<IActionResult> OnPostCompleteAsync(long id, CancellationToken ct) => ActAsync(id, IsEstate, "Admin.Hotline.CompletionSaved", ticket =>
    {
        ticket.RecordCompletion(clock.GetUtcNow(), Text!, Name());
        return Task.CompletedTask;
    }, ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) => ActAsync(id, IsDesk, "Admin.Hotline.ClosedDone", ticket =>
    {
        ticket.Close(clock.GetUtcNow(), Text!, Name(), View.Facts.CompletedAt);
        return Task.CompletedTask;
    }, ct);

    /// <summary>Every step needs a text; a step the ticket refuses now (sent already, not completed) is shown as "not now".</summary>
    private async Task<IActionResult> ActAsync(long id, bool allowed, string done, Func<HotlineTicket, Task> step, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!allowed) return Forbid();
        if (string.IsNullOrWhiteSpace(Text)) ModelState.AddModelError(nameof(Text), t["Validation.Required", t["Admin.Hotline.Text"]]);
        if (!ModelState.IsValid) return Page();
        var ticket = await db.HotlineTickets.SingleAsync(x => x.Id == id, ct);
        try
        {
            await step(ticket);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is InvalidOperationException or DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Cases.Detail.NotNow"]);
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Page();
        }
        StatusMessage = done;
        return RedirectToPage(new { id });
    }

    private string Name() => User.FindFirst("name")?.Value ?? User.Identity?.Name ?? "staff";

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var tickets = db.HotlineTickets.Where(x => x.Id == id);
        // The estate sees a matter once the desk has sent it the handling file.
        if (!IsDesk && IsEstate) tickets = tickets.Where(x => x.HandlingFileSentAt != null);
        if (await tickets.AsNoTracking().FirstOrDefaultAsync(ct) is not { } ticket) return false;
        Ticket = ticket;
        View = (await HotlineDesk.LoadAsync(db, tickets, clock.GetUtcNow(), ct)).Single();
        CaseDescription = await db.Cases.Where(c => c.Id == ticket.CaseId).Select(c => c.Description).FirstOrDefaultAsync(ct);
        return true;
    }
}
