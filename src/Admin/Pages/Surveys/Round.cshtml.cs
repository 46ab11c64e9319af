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
/// One round: the estates taking part (company staff) or one estate's part of it: invitations and reminders, the
/// estate manager's Part B questions (fixed once answering started), links to the preview, paper entry and results.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class RoundModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, IAuthorizationService authorization,
    SurveyInvitations invitations) : PageModel
{
    public record EstateRow(int Id, string Code, string Name, DateTimeOffset? InvitedAt, int Returned, int Invited);
    public record Participation(int EstateId, string EstateName, DateTimeOffset? InvitedAt, int InvitedHouseholds, int RemindersSent, DateTimeOffset? LastReminderAt, int Returned, int Paper);

    public SurveyRound Round { get; private set; } = null!;
    public SurveyRoundStatus Status { get; private set; }
    public IReadOnlyList<EstateRow> Estates { get; private set; } = [];
    public Participation? Estate { get; private set; }
    public IReadOnlyList<SurveyQuestionView> Questions { get; private set; } = [];
    public bool Locked { get; private set; }
    public bool CanEditQuestions { get; private set; }
    public bool CanInvite { get; private set; }
    public bool CanRemind { get; private set; }
    public bool CanSeeResults { get; private set; }
    [BindProperty] public QuestionInput NewQuestion { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }
    [TempData] public string? ErrorMessage { get; set; }

    public class QuestionInput
    {
        public SurveyQuestionKind Kind { get; set; }
        [Required(ErrorMessage = "Validation.Required"), StringLength(300, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Surveys.QuestionText")]
        public string Text { get; set; } = "";
        /// <summary>One option per line.</summary>
        [StringLength(1000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Surveys.Options")] public string? Options { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, int? estate, CancellationToken ct) =>
        await LoadAsync(id, estate, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddQuestionAsync(int id, int? estate, CancellationToken ct)
    {
        if (!await LoadAsync(id, estate, ct) || Estate is null) return NotFound();
        if (!CanEditQuestions) return Forbid();
        if (!Enum.IsDefined(NewQuestion.Kind)) ModelState.AddModelError("NewQuestion.Kind", t["Validation.Choice"]);
        if (!ModelState.IsValid) return Page();
        var options = (NewQuestion.Options ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var result = await SurveyRounds.AddQuestionAsync(db, id, Estate.EstateId, NewQuestion.Kind, NewQuestion.Text, options, ct);
        if (result == QuestionChange.NeedsOptions)
        {
            ModelState.AddModelError("NewQuestion.Options", t["Admin.Surveys.NeedsOptions"]);
            return Page();
        }
        return Done(result, "Admin.Surveys.QuestionAdded", id, estate);
    }

    public async Task<IActionResult> OnPostRemoveQuestionAsync(int id, int? estate, int questionId, CancellationToken ct)
    {
        if (!await LoadAsync(id, estate, ct) || Estate is null || Questions.All(q => q.Id != questionId)) return NotFound();
        if (!CanEditQuestions) return Forbid();
        return Done(await SurveyRounds.RemoveQuestionAsync(db, questionId, ct), "Admin.Surveys.QuestionRemoved", id, estate);
    }

    public async Task<IActionResult> OnPostInviteAsync(int id, int? estate, CancellationToken ct)
    {
        if (!await LoadAsync(id, estate, ct) || Estate is null) return NotFound();
        if (!CanInvite) return Forbid();
        var (result, mails) = await invitations.InviteAsync(id, Estate.EstateId, await TodayAsync(Estate.EstateId, ct), clock.GetUtcNow(), ct);
        return Mailed(result, mails, id, estate);
    }

    public async Task<IActionResult> OnPostRemindAsync(int id, int? estate, CancellationToken ct)
    {
        if (!await LoadAsync(id, estate, ct) || Estate is null) return NotFound();
        if (!CanInvite) return Forbid();
        var (result, mails) = await invitations.RemindAsync(id, Estate.EstateId, await TodayAsync(Estate.EstateId, ct), clock.GetUtcNow(), ct);
        return Mailed(result, mails, id, estate);
    }

    private IActionResult Mailed(InvitationResult result, int mails, int id, int? estate)
    {
        if (result == InvitationResult.Sent) StatusMessage = t["Admin.Surveys.Mailed", mails];
        else ErrorMessage = t[$"Admin.Surveys.Invitation.{result}"];
        return RedirectToPage(new { id, estate });
    }

    private IActionResult Done(QuestionChange result, string okKey, int id, int? estate)
    {
        if (result == QuestionChange.Done) StatusMessage = t[okKey];
        else ErrorMessage = t[$"Admin.Surveys.Question.{result}"];
        return RedirectToPage(new { id, estate });
    }

    private async Task<DateOnly> TodayAsync(int estateId, CancellationToken ct) => EstateTime.Today(clock, await EstateTime.ZoneAsync(db, estateId, ct));

    private async Task<bool> LoadAsync(int id, int? estate, CancellationToken ct)
    {
        var round = await db.SurveyRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Estates.Any(), ct);
        if (round is null) return false; // estate staff: a round their estate does not take part in is not found
        Round = round;
        var estateId = User.EstateIdOf() ?? estate;
        Status = round.StatusOn(estateId is { } e ? await TodayAsync(e, ct) : DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        CanSeeResults = (await authorization.AuthorizeAsync(User, Policies.Dashboards)).Succeeded;
        if (estateId is null)
        {
            Estates = await db.SurveyParticipations.AsNoTracking().Where(p => p.RoundId == id)
                .Join(db.Estates, p => p.EstateId, e => e.Id, (p, e) => new { p, e })
                .OrderBy(x => x.e.Code)
                .Select(x => new EstateRow(x.e.Id, x.e.Code, x.e.Name, x.p.InvitedAt,
                    db.SurveyResponses.Count(r => r.RoundId == id && r.EstateId == x.e.Id && r.IsCurrent),
                    x.p.InvitedAt == null ? db.Units.Count(u => u.EstateId == x.e.Id) : x.p.InvitedHouseholds))
                .ToListAsync(ct);
            return true;
        }
        Estate = await db.SurveyParticipations.AsNoTracking().Where(p => p.RoundId == id && p.EstateId == estateId)
            .Select(p => new Participation(p.EstateId, db.Estates.Where(e => e.Id == p.EstateId).Select(e => e.Name).First(), p.InvitedAt,
                p.InvitedAt == null ? db.Units.Count(u => u.EstateId == p.EstateId) : p.InvitedHouseholds, p.RemindersSent, p.LastReminderAt,
                db.SurveyResponses.Count(r => r.RoundId == id && r.EstateId == p.EstateId && r.IsCurrent),
                db.SurveyResponses.Count(r => r.RoundId == id && r.EstateId == p.EstateId && r.IsCurrent && r.IsPaper)))
            .SingleOrDefaultAsync(ct);
        if (Estate is null) return false;
        Status = round.StatusOn(await TodayAsync(Estate.EstateId, ct));
        Questions = await SurveyRounds.QuestionsAsync(db, id, Estate.EstateId, ct);
        Locked = await SurveyRounds.HasAnswersAsync(db, id, Estate.EstateId, ct);
        CanEditQuestions = !Locked && Status != SurveyRoundStatus.Closed && (await authorization.AuthorizeAsync(User, Policies.EstateManager)).Succeeded;
        CanInvite = Status == SurveyRoundStatus.Open && (await authorization.AuthorizeAsync(User, Policies.EstateOffice)).Succeeded;
        CanRemind = CanInvite && SurveyCalendar.CanRemind(Status, Estate.InvitedAt, Estate.RemindersSent, Estate.LastReminderAt, clock.GetUtcNow());
        return true;
    }
}
