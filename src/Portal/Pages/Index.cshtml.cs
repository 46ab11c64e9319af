using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.Portal.Pages;

/// <summary>The owners' landing page: what they can do here and how to reach their estate office.</summary>
public class IndexModel(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    private const int MaxOffices = 12;

    public string CompanyName { get; private set; } = "";
    public IReadOnlyList<Office> Offices { get; private set; } = [];
    public int OfficeCount { get; private set; }
    public string? Query { get; private set; }

    public record Office(string Name, string Address, string Phone, string Hours);
    public record MyUnit(string Estate, string Unit, Office Office);

    /// <summary>The signed-in owner's active unit and its estate office, shown first.</summary>
    public MyUnit? Mine { get; private set; }
    /// <summary>Information notices in force for the owner's buildings (cuts, storms, works), pinned on top.</summary>
    public IReadOnlyList<OwnerPortal.Core.Domain.Notices.Notice> Pinned { get; private set; } = [];

    /// <summary>Questionnaires the household may answer now (SPEC 4): the invitation banner.</summary>
    public IReadOnlyList<OwnerSurveys.Banner> Surveys { get; private set; } = [];
    public IReadOnlyList<PublishedSurveys.Published> SurveyResults { get; private set; } = [];
    /// <summary>The household's estate, and what the owner may read of its committee scorecard.</summary>
    public int? ScorecardEstate { get; private set; }
    public bool ScorecardFull { get; private set; }
    public bool SummaryPublished { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        // Round trips are what an owner page waits on (ADR-010): the household is read once (for the office and the
        // survey banners), and the offices carry their count and the company's name.
        OwnerSurveys.Household? household = null;
        if (User.PersonIdOf() is { } personId)
        {
            var mine = await db.People.Where(p => p.Id == personId)
                .SelectMany(p => db.UnitMemberships.Where(m => m.PersonId == p.Id && m.UnitId == p.ActiveUnitId && m.RevokedAt == null))
                .Select(m => new { m.UnitId, m.Unit!.Number, Estate = db.Estates.First(e => e.Id == m.Unit.EstateId) })
                .Select(x => new { x.UnitId, x.Number, EstateId = x.Estate.Id, x.Estate.Name, x.Estate.Address, x.Estate.OfficePhone, x.Estate.OfficeHours })
                .FirstOrDefaultAsync(ct);
            if (mine is not null)
            {
                Mine = new MyUnit(mine.Name, mine.Number, new Office(mine.Name, mine.Address, mine.OfficePhone, mine.OfficeHours));
                household = new OwnerSurveys.Household(mine.UnitId, mine.Number, mine.EstateId, mine.Name);
            }
            Pinned = await OwnerPortal.Core.Notices.OwnerNotices.PinnedAsync(db, personId, clock.GetUtcNow(), ct);
            if (household is not null)
            {
                Surveys = await OwnerSurveys.BannersAsync(db, personId, household, clock, ct);
                SurveyResults = await PublishedSurveys.ForEstateAsync(db, household.EstateId, ct: ct);
                var standing = await OwnerPortal.Core.Scorecards.ScorecardAccess.StandingAsync(db, personId, household.EstateId, clock, ct);
                ScorecardEstate = household.EstateId;
                ScorecardFull = OwnerPortal.Core.Scorecards.ScorecardAccess.May(standing, OwnerPortal.Core.Scorecards.ScorecardRight.ReadScorecard);
                SummaryPublished = await db.ScorecardSummaries.AnyAsync(x => x.EstateId == household.EstateId, ct);
            }
        }
        var estates = db.Estates.AsNoTracking();
        if (Query is not null)
        {
            var code = Query.ToUpperInvariant();
            estates = estates.Where(e => e.Name.Contains(Query) || e.Code == code);
        }
        var offices = await estates.OrderBy(e => e.Id).Take(MaxOffices)
            .Select(e => new { Office = new Office(e.Name, e.Address, e.OfficePhone, e.OfficeHours), Count = estates.Count(),
                Company = db.CompanySettings.Select(s => s.Name).FirstOrDefault() })
            .ToListAsync(ct);
        Offices = offices.Select(o => o.Office).ToList();
        OfficeCount = offices.Count > 0 ? offices[0].Count : 0;
        CompanyName = (offices.Count > 0 ? offices[0].Company : await db.CompanySettings.Select(s => s.Name).FirstOrDefaultAsync(ct)) ?? "";
    }
}
