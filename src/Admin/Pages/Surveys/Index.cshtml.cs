using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.Admin.Pages.Surveys;

/// <summary>Questionnaire rounds (SPEC 4): the list for all staff; the quality office creates company-wide rounds.</summary>
[Authorize(Policy = Policies.Staff)]
public class IndexModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, IAuthorizationService authorization) : PageModel
{
    public record RoundRow(int Id, string Title, DateOnly OpensOn, DateOnly ClosesOn, SurveyRoundStatus Status, int Estates, int Returned, int Invited);
    public record EstateOption(int Id, string Code, string Name);

    public IReadOnlyList<RoundRow> Rounds { get; private set; } = [];
    public IReadOnlyList<EstateOption> EstateOptions { get; private set; } = [];
    public bool CanCreate { get; private set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Surveys.RoundTitle")]
        public string Title { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.Surveys.OpensOn")] public DateOnly? OpensOn { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.Surveys.ClosesOn")] public DateOnly? ClosesOn { get; set; }
        public List<int> EstateIds { get; set; } = [];
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var (opens, closes) = SurveyCalendar.NextDefault(await TodayAsync(ct));
        Input = new InputModel
        {
            Title = t["Admin.Surveys.DefaultTitle", opens.Year, opens.Month],
            OpensOn = opens, ClosesOn = closes, EstateIds = EstateOptions.Select(e => e.Id).ToList(),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.QualityOffice)).Succeeded) return Forbid();
        await LoadAsync(ct);
        if (Input.OpensOn is { } o && Input.ClosesOn is { } c && c < o) ModelState.AddModelError("Input.ClosesOn", t["Admin.Surveys.ClosesBeforeOpens"]);
        var chosen = Input.EstateIds.Intersect(EstateOptions.Select(e => e.Id)).ToList();
        if (chosen.Count == 0) ModelState.AddModelError("Input.EstateIds", t["Admin.Surveys.ChooseEstates"]);
        if (!ModelState.IsValid) return Page();
        var round = await SurveyRounds.CreateAsync(db, Input.Title, Input.OpensOn!.Value, Input.ClosesOn!.Value, chosen, ct);
        StatusMessage = "Admin.Surveys.Created";
        return RedirectToPage("/Surveys/Round", new { id = round.Id });
    }

    private async Task<DateOnly> TodayAsync(CancellationToken ct)
    {
        var zone = await db.CompanySettings.Select(s => s.TimeZone).FirstOrDefaultAsync(ct);
        return EstateTime.Today(clock, OwnerPortal.Core.Time.LocalTime.Zone(null, zone ?? "Asia/Shanghai"));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanCreate = (await authorization.AuthorizeAsync(User, Policies.QualityOffice)).Succeeded;
        EstateOptions = CanCreate ? await db.Estates.AsNoTracking().OrderBy(e => e.Code).Select(e => new EstateOption(e.Id, e.Code, e.Name)).ToListAsync(ct) : [];
        var today = await TodayAsync(ct);
        // Estate staff see the rounds their estate takes part in (the filters hide the other estates' participation).
        var rows = await db.SurveyRounds.AsNoTracking()
            .Where(r => r.Estates.Any())
            .OrderByDescending(r => r.OpensOn).Take(40)
            .Select(r => new
            {
                r.Id, r.Title, r.OpensOn, r.ClosesOn,
                Estates = r.Estates.Count,
                Returned = db.SurveyResponses.Count(x => x.RoundId == r.Id && x.IsCurrent),
                Invited = r.Estates.Sum(p => p.InvitedAt == null ? db.Units.Count(u => u.EstateId == p.EstateId) : p.InvitedHouseholds),
            }).ToListAsync(ct);
        Rounds = rows.Select(r => new RoundRow(r.Id, r.Title, r.OpensOn, r.ClosesOn, SurveyCalendar.Status(r.OpensOn, r.ClosesOn, today), r.Estates, r.Returned, r.Invited)).ToList();
    }
}
