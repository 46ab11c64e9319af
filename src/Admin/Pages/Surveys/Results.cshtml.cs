using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.Admin.Pages.Surveys;

/// <summary>
/// A round's results for one estate or company-wide (SPEC 4, SPEC 7 formulas in <see cref="SurveyResults"/>), compared
/// with the previous round; low items list the complaints of the matching category from the six months before.
/// </summary>
[Authorize(Policy = Policies.Dashboards)]
public class ResultsModel(OwnerPortalDbContext db, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<OwnerPortal.Core.Localization.Strings> t) : PageModel
{
    public record EstateRow(int Id, string Code, string Name, SurveyResult Result);
    public record LowItem(SurveyItem Item, OwnerPortal.Core.Domain.Cases.CaseCategory Category, int Count, IReadOnlyList<SurveyReport.CaseLink> Cases);

    public SurveyRound Round { get; private set; } = null!;
    public SurveyRound? Previous { get; private set; }
    public int? EstateId { get; private set; }
    public string? EstateName { get; private set; }
    public SurveyResult Result { get; private set; } = null!;
    public SurveyResult? Before { get; private set; }
    public IReadOnlyList<SurveyQuestionView> Questions { get; private set; } = [];
    public IReadOnlyList<EstateRow> Estates { get; private set; } = [];
    public IReadOnlyList<LowItem> LowItems { get; private set; } = [];
    public bool CanChooseEstate => User.EstateIdOf() is null;

    public async Task<IActionResult> OnGetAsync(int id, int? estate, CancellationToken ct) => await LoadAsync(id, estate, ct) ? Page() : NotFound();

    /// <summary>The results as CSV or XLSX: aggregates only, the same numbers as the page.</summary>
    public async Task<IActionResult> OnGetExportAsync(int id, int? estate, string format, CancellationToken ct)
    {
        if (!await LoadAsync(id, estate, ct)) return NotFound();
        var rows = SurveyExport.Rows(t, Round.Title, EstateName ?? t["Admin.Surveys.AllEstates"], Result, Before,
            Estates.Select(e => new SurveyExport.EstateLine($"{e.Name} ({e.Code})", e.Result)).ToList(), Questions);
        var name = $"survey-{Round.OpensOn:yyyy-MM}-{(EstateId is { } e ? e.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all")}";
        return format == "xlsx"
            ? File(OwnerPortal.Core.Text.SheetWriters.Xlsx(Round.Title, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx")
            : File(OwnerPortal.Core.Text.SheetWriters.Csv(rows), "text/csv; charset=utf-8", name + ".csv");
    }

    private async Task<bool> LoadAsync(int id, int? estate, CancellationToken ct)
    {
        var round = await db.SurveyRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Estates.Any(), ct);
        if (round is null) return false;
        Round = round;
        EstateId = User.EstateIdOf() ?? estate;
        if (EstateId is { } estateId)
        {
            EstateName = await db.SurveyParticipations.Where(p => p.RoundId == id && p.EstateId == estateId)
                .Select(p => db.Estates.Where(e => e.Id == p.EstateId).Select(e => e.Name).First()).SingleOrDefaultAsync(ct);
            if (EstateName is null) return false;
            Questions = await SurveyRounds.QuestionsAsync(db, id, estateId, ct);
        }
        else
        {
            var estates = await db.SurveyParticipations.AsNoTracking().Where(p => p.RoundId == id)
                .Join(db.Estates, p => p.EstateId, e => e.Id, (p, e) => new { e.Id, e.Code, e.Name }).OrderBy(e => e.Code).ToListAsync(ct);
            var rows = new List<EstateRow>();
            foreach (var e in estates) rows.Add(new EstateRow(e.Id, e.Code, e.Name, await SurveyReport.CalculateAsync(db, id, e.Id, ct)));
            Estates = rows;
        }
        Result = await SurveyReport.CalculateAsync(db, id, EstateId, ct);
        Previous = await SurveyRounds.PreviousAsync(db, round, EstateId, ct);
        if (Previous is not null) Before = await SurveyReport.CalculateAsync(db, Previous.Id, EstateId, ct);

        // The cases behind a low item: the six months up to the round's close (or today, while it runs).
        var zone = EstateId is { } z ? await EstateTime.ZoneAsync(db, z, ct) : OwnerPortal.Core.Time.LocalTime.Zone(null);
        var end = round.ClosesOn.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var until = new DateTimeOffset(end, zone.GetUtcOffset(end));
        if (until > clock.GetUtcNow()) until = clock.GetUtcNow();
        var low = new List<LowItem>();
        foreach (var item in Result.Items.Where(i => SurveyResults.IsLow(i.Satisfaction)))
        {
            var (count, cases) = await SurveyReport.CasesBehindAsync(db, EstateId, item.Item, until, ct: ct);
            low.Add(new LowItem(item.Item, SurveyCalendar.CategoryOf(item.Item), count, cases));
        }
        LowItems = low;
        return true;
    }
}
