using OwnerPortal.Core.Domain.Reports;
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

/// <summary>
/// The estate manager's publication of a closed round: the rectification plan (one tracked item per problem), which
/// comments may be published, and the publish step itself.
/// </summary>
[Authorize(Policy = Policies.EstateManager)]
public class PublishModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    public record TextRow(SurveyItem? Item, int? QuestionId, string Text, int Count, bool Approved);

    public SurveyRound Round { get; private set; } = null!;
    public int EstateId { get; private set; }
    public string EstateName { get; private set; } = "";
    public SurveyRoundStatus Status { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public IReadOnlyList<SurveyPublishing.PlanRow> Plan { get; private set; } = [];
    public IReadOnlyList<TextRow> Texts { get; private set; } = [];
    public IReadOnlyDictionary<int, string> QuestionTexts { get; private set; } = new Dictionary<int, string>();
    [BindProperty] public PlanInput NewItem { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }
    [TempData] public string? ErrorMessage { get; set; }

    public class PlanInput
    {
        public SurveyItem? Item { get; set; }
        [Required(ErrorMessage = "Validation.Required"), StringLength(300, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Surveys.Problem")]
        public string Problem { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), StringLength(500, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Surveys.Action")]
        public string Action { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.Surveys.DueOn")] public DateOnly? DueOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddItemAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (NewItem.Item is { } item && !Enum.IsDefined(item)) ModelState.AddModelError("NewItem.Item", t["Validation.Choice"]);
        if (!ModelState.IsValid) return Page();
        await SurveyPublishing.AddPlanItemAsync(db, id, EstateId, NewItem.Item, NewItem.Problem, NewItem.Action, NewItem.DueOn!.Value, clock.GetUtcNow(), ct);
        StatusMessage = t["Admin.Surveys.PlanAdded"];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUpdateItemAsync(int id, int itemId, RectificationStatus status, string? progress, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Plan.All(p => p.Id != itemId) || !Enum.IsDefined(status)) return NotFound();
        await SurveyPublishing.UpdatePlanItemAsync(db, itemId, status, progress?.Length > 500 ? progress[..500] : progress, clock.GetUtcNow(), ct);
        StatusMessage = t["Admin.Surveys.PlanUpdated"];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, SurveyItem? item, int? questionId, string text, bool approved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await SurveyPublishing.ApproveTextAsync(db, id, EstateId, item, questionId, text ?? "", approved, ct) == 0) return NotFound();
        StatusMessage = t[approved ? "Admin.Surveys.TextApproved" : "Admin.Surveys.TextWithdrawn"];
        return RedirectToPage(null, null, new { id }, "comments");
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var today = EstateTime.Today(clock, await EstateTime.ZoneAsync(db, EstateId, ct));
        var result = await SurveyPublishing.PublishAsync(db, Round, EstateId, User.StaffIdOf(), today, clock.GetUtcNow(), ct);
        if (result == PublishResult.Published) StatusMessage = t["Admin.Surveys.Published"];
        else ErrorMessage = t[$"Admin.Surveys.Publish.{result}"];
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (User.EstateIdOf() is not { } estateId) return false;
        if (await SurveyRounds.ForEstateAsync(db, id, estateId, ct) is not { } found) return false;
        (Round, EstateName, EstateId) = (found.Round, found.EstateName, estateId);
        Status = Round.StatusOn(EstateTime.Today(clock, await EstateTime.ZoneAsync(db, estateId, ct)));
        PublishedAt = await db.SurveyPublications.Where(p => p.RoundId == id && p.EstateId == estateId).Select(p => (DateTimeOffset?)p.PublishedAt).FirstOrDefaultAsync(ct);
        Plan = await SurveyPublishing.PlanAsync(db, id, estateId, ct);
        QuestionTexts = (await SurveyRounds.QuestionsAsync(db, id, estateId, ct)).ToDictionary(q => q.Id, q => q.Text);
        var texts = await db.SurveyAnswers.AsNoTracking()
            .Where(a => a.Text != null && db.SurveyResponses.Any(r => r.Id == a.ResponseId && r.RoundId == id && r.EstateId == estateId && r.IsCurrent))
            .GroupBy(a => new { a.Item, a.QuestionId, Text = a.Text!.Trim() })
            .Select(g => new { g.Key.Item, g.Key.QuestionId, g.Key.Text, Count = g.Count(), Approved = g.All(a => a.TextApproved) })
            .ToListAsync(ct);
        Texts = texts.Select(x => new TextRow(x.Item, x.QuestionId, x.Text, x.Count, x.Approved))
            .OrderBy(x => x.Item is null).ThenBy(x => x.Item).ThenBy(x => x.QuestionId).ThenByDescending(x => x.Count).ToList();
        return true;
    }
}
