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
        CompanyName = await db.CompanySettings.Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "";
        if (User.PersonIdOf() is { } personId)
            Mine = await db.People.Where(p => p.Id == personId)
                .SelectMany(p => db.UnitMemberships.Where(m => m.PersonId == p.Id && m.UnitId == p.ActiveUnitId && m.RevokedAt == null))
                .Select(m => new { m.Unit!.Number, Estate = db.Estates.First(e => e.Id == m.Unit.EstateId) })
                .Select(x => new MyUnit(x.Estate.Name, x.Number, new Office(x.Estate.Name, x.Estate.Address, x.Estate.OfficePhone, x.Estate.OfficeHours)))
                .FirstOrDefaultAsync(ct);
        if (User.PersonIdOf() is { } reader)
            Pinned = await OwnerPortal.Core.Notices.OwnerNotices.PinnedAsync(db, reader, clock.GetUtcNow(), ct);
        if (Mine is not null && await OwnerSurveys.HouseholdAsync(db, User.PersonIdOf()!.Value, ct) is { } household)
        {
            Surveys = await OwnerSurveys.BannersAsync(db, User.PersonIdOf()!.Value, clock, ct);
            SurveyResults = await PublishedSurveys.ForEstateAsync(db, household.EstateId, ct: ct);
            var standing = await OwnerPortal.Core.Scorecards.ScorecardAccess.StandingAsync(db, User.PersonIdOf()!.Value, household.EstateId, clock, ct);
            ScorecardEstate = household.EstateId;
            ScorecardFull = OwnerPortal.Core.Scorecards.ScorecardAccess.May(standing, OwnerPortal.Core.Scorecards.ScorecardRight.ReadScorecard);
            SummaryPublished = await db.ScorecardSummaries.AnyAsync(x => x.EstateId == household.EstateId, ct);
        }
        var estates = db.Estates.AsNoTracking();
        if (Query is not null)
        {
            var code = Query.ToUpperInvariant();
            estates = estates.Where(e => e.Name.Contains(Query) || e.Code == code);
        }
        OfficeCount = await estates.CountAsync(ct);
        Offices = await estates.OrderBy(e => e.Id).Take(MaxOffices)
            .Select(e => new Office(e.Name, e.Address, e.OfficePhone, e.OfficeHours)).ToListAsync(ct);
    }
}
