using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Notices;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Notices;
using OwnerPortal.Core.Scorecards;
using OwnerPortal.Core.Surveys;
using OwnerPortal.Core.Time;

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
    public IReadOnlyList<Notice> Pinned { get; private set; } = [];

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
        // Round trips are what an owner page waits on (ADR-010): one query reads the household with everything the page
        // decides from it (office, time zone, buildings for pinned notices, committee seats, published summary), and the
        // offices carry their count and the company's name.
        if (User.PersonIdOf() is { } personId)
        {
            var mine = await (
                    from p in db.People
                    where p.Id == personId
                    join m in db.UnitMemberships on new { PersonId = p.Id, UnitId = p.ActiveUnitId } equals new { m.PersonId, UnitId = (int?)m.UnitId }
                    where m.RevokedAt == null
                    join u in db.Units on m.UnitId equals u.Id
                    join e in db.Estates on u.EstateId equals e.Id
                    select new
                    {
                        m.UnitId, u.Number, EstateId = e.Id, e.Name, e.Address, e.OfficePhone, e.OfficeHours,
                        Zone = e.TimeZone ?? db.CompanySettings.Select(s => s.TimeZone).FirstOrDefault(),
                        SummaryPublished = db.ScorecardSummaries.Any(s => s.EstateId == e.Id),
                        // OwnerNotices.BuildingsOf, correlated with this row so that it joins instead of costing a round trip.
                        Buildings = db.UnitMemberships.Where(b => b.PersonId == p.Id && b.RevokedAt == null).Select(b => b.Unit!.BuildingId).ToList(),
                        Seats = db.CommitteeMemberships.Where(c => c.PersonId == p.Id && c.EstateId == e.Id).Select(c => new { c.From, c.Until }).ToList(),
                    })
                .AsSingleQuery().FirstOrDefaultAsync(ct);
            if (mine is null)
            {
                Pinned = await OwnerNotices.PinnedAsync(db, personId, clock.GetUtcNow(), ct);
            }
            else
            {
                Mine = new MyUnit(mine.Name, mine.Number, new Office(mine.Name, mine.Address, mine.OfficePhone, mine.OfficeHours));
                var household = new OwnerSurveys.Household(mine.UnitId, mine.Number, mine.EstateId, mine.Name);
                var today = EstateTime.Today(clock, LocalTime.Zone(mine.Zone));
                Pinned = await OwnerNotices.PinnedAsync(db, personId, mine.Buildings, clock.GetUtcNow(), ct);
                Surveys = await OwnerSurveys.BannersAsync(db, personId, household, today, ct);
                SurveyResults = await PublishedSurveys.ForEstateAsync(db, household.EstateId, ct: ct);
                // An active link to the household's unit is a link to its estate.
                var standing = ScorecardAccess.StandingOf(linked: true, mine.Seats.Any(s => OwnerPortal.Core.Domain.People.Committee.IsCurrent(s.From, s.Until, today)));
                ScorecardEstate = household.EstateId;
                ScorecardFull = ScorecardAccess.May(standing, ScorecardRight.ReadScorecard);
                SummaryPublished = mine.SummaryPublished;
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
