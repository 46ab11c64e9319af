using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Web;

namespace OwnerPortal.Portal.Pages.Account;

/// <summary>The owner's account: profile, linked units (switch the active one), pending link requests.</summary>
public class IndexModel(OwnerPortalDbContext db) : PageModel
{
    public record UnitRow(int UnitId, string Estate, string Unit, UnitRelation Relation, bool Active);
    public record RequestRow(string Estate, string Unit, UnitRelation Relation, LinkRequestStatus Status, string? Reason, DateTimeOffset CreatedAt);

    public string FullName { get; private set; } = "";
    public string? Email { get; private set; }
    public string Phone { get; private set; } = "";
    public bool IsStaffOnly { get; private set; }
    public bool MailOnProgress { get; private set; }
    /// <summary>The language of the owner's mails (and of the site, when they change it here).</summary>
    public string Language { get; private set; } = SiteCultures.DefaultName;
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public IReadOnlyList<RequestRow> Requests { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var personId = User.PersonIdOf();
        if (personId is null)
        {
            IsStaffOnly = true;
            FullName = User.FindFirst("name")?.Value ?? "";
            return Page();
        }
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.FullName, p.Email, p.Phone, p.ActiveUnitId, p.MailOnProgress, p.Language }).SingleAsync();
        (FullName, Email, Phone, MailOnProgress, Language) = (person.FullName, person.Email, person.Phone, person.MailOnProgress, person.Language);
        Units = await db.UnitMemberships.AsNoTracking()
            .Where(m => m.PersonId == personId && m.RevokedAt == null)
            .OrderBy(m => m.Since)
            .Select(m => new UnitRow(m.UnitId, db.Estates.Where(e => e.Id == m.Unit!.EstateId).Select(e => e.Name).First(),
                m.Unit!.Number, m.Relation, m.UnitId == person.ActiveUnitId))
            .ToListAsync();
        Requests = await db.UnitLinkRequests.AsNoTracking()
            .Where(r => r.PersonId == personId && (r.Status == LinkRequestStatus.Pending || r.Status == LinkRequestStatus.Rejected))
            .OrderByDescending(r => r.CreatedAt).Take(10)
            .Select(r => new RequestRow(
                db.Units.Where(u => u.Id == r.UnitId).Select(u => db.Estates.Where(e => e.Id == u.EstateId).Select(e => e.Name).First()).First(),
                db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Number).First(), r.Relation, r.Status, r.Reason, r.CreatedAt))
            .ToListAsync();
        return Page();
    }

    /// <summary>Which case mails the owner wants beyond the essential ones, and in which language (the site follows).</summary>
    public async Task<IActionResult> OnPostMailAsync(bool mailOnProgress, string? language)
    {
        var personId = User.PersonIdOf();
        if (personId is null) return NotFound();
        await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.MailOnProgress, mailOnProgress));
        if (SiteCultures.All.FirstOrDefault(c => c.Name == language) is { } culture)
        {
            await SiteSetup.SaveLanguageAsync(HttpContext, db, culture);
            SiteSetup.RememberCulture(HttpContext, culture);
        }
        StatusMessage = "Account.Mail.Saved";
        return RedirectToPage();
    }

    /// <summary>Makes one of the person's own units the one they act for.</summary>
    public async Task<IActionResult> OnPostSwitchAsync(int unitId)
    {
        var personId = User.PersonIdOf();
        if (personId is null) return NotFound();
        if (!await UnitBindings.IsLinkedAsync(db, personId.Value, unitId)) return NotFound();
        await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ActiveUnitId, unitId));
        StatusMessage = "Account.Units.Switched";
        return RedirectToPage();
    }
}
