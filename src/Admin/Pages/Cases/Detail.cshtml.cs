using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.WorkOrders;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Cases;

/// <summary>
/// A case for staff: everything on the timeline, internal entries included, and the steps the signed-in staff
/// member may take now (acknowledge, classify and assign, plan, start, progress notes, hand back, resolve, revise
/// the reply date, verify, answer a suggestion). Each form carries the version of the case it was opened on;
/// a save on a case someone else has changed meanwhile is refused with what changed, keeping what was typed.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public partial class DetailModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, CaseMail mail, CallbackService callbacks) : PageModel
{
    public Case Case { get; private set; } = null!;
    public string Estate { get; private set; } = "";
    public string? Place { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);
    public IReadOnlySet<CaseAction> Offered { get; private set; } = new HashSet<CaseAction>();
    /// <summary>The step this form post was for: its panel stays open to show what was typed and the errors.</summary>
    private CaseAction? Posted { get; set; }
    /// <summary>The next step of the workflow is open; the other offered steps are one click away (CaseNextStep).</summary>
    public bool Opens(params CaseAction[] panelActions) => CaseNextStep.Opens(CaseNextStep.For(Case, Offered), Posted, panelActions);
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, int DepartmentId)> DepartmentStaff { get; private set; } = [];
    public Suggestion? Suggested { get; private set; }
    public string? SignedOffBy { get; private set; }
    /// <summary>What someone else changed, when a save was refused.</summary>
    public IReadOnlyList<string> Conflicts { get; private set; } = [];
    public string CurrentState { get; private set; } = "";
    [TempData] public string? StatusMessage { get; set; }

    public bool CanAcknowledge => Offered.Contains(CaseAction.Acknowledge);
    /// <summary>A major complaint's special report: to write (estate manager), to review (quality office), or to read.</summary>
    public bool ShowSpecialReport => Case.IsMajor && (Offered.Contains(CaseAction.WriteMajorReport) || Offered.Contains(CaseAction.ReviewMajorReport)
        || (Case.SpecialReport is not null && User.StaffRoleOf() is { } role && Policies.StaffPolicies[Policies.Escalations].Contains(role)));

    [BindProperty, StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Cases.Reply")]
    public string? Reply { get; set; }

    [BindProperty] public InputModel Input { get; set; } = new();
    /// <summary>The case version (xmin) the form was opened on.</summary>
    [BindProperty] public uint LoadedVersion { get; set; }
    /// <summary>What the form was opened on (status, department, deadline, plan), to tell what changed.</summary>
    [BindProperty] public string? LoadedState { get; set; }

    public sealed class InputModel
    {
        [Display(Name = "Admin.Cases.Class")] public ComplaintClass? Class { get; set; }
        [Display(Name = "Admin.Cases.Category")] public CaseCategory? Category { get; set; }
        [Display(Name = "Admin.Cases.Major")] public bool IsMajor { get; set; }
        [Display(Name = "Admin.Cases.Compensation"), Range(typeof(decimal), "0", "100000000", ErrorMessage = "Admin.Cases.CompensationRange")]
        public decimal? Compensation { get; set; }
        [Display(Name = "Admin.Cases.Department")] public int? DepartmentId { get; set; }
        [Display(Name = "Admin.Cases.Person")] public int? StaffId { get; set; }

        [Display(Name = "Admin.Cases.PlanField"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? Plan { get; set; }
        [Display(Name = "Admin.Cases.Deadline")] public DateTime? Deadline { get; set; }

        [Display(Name = "Admin.Cases.Note"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? Note { get; set; }
        [Display(Name = "Admin.Cases.NotePublic")] public bool NoteIsPublic { get; set; }

        [Display(Name = "Admin.Cases.HandBackReason"), StringLength(1000, ErrorMessage = "Validation.MaxLength")] public string? HandBackReason { get; set; }
        [Display(Name = "Admin.Cases.ResolveNote"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? ResolveNote { get; set; }

        [Display(Name = "Admin.Cases.RevisedDate")] public DateTime? RevisedDate { get; set; }
        [Display(Name = "Admin.Cases.RevisedReason"), StringLength(1000, ErrorMessage = "Validation.MaxLength")] public string? RevisedReason { get; set; }

        [Display(Name = "Admin.Cases.VerifyNote"), StringLength(1000, ErrorMessage = "Validation.MaxLength")] public string? VerifyNote { get; set; }
        [Display(Name = "Admin.Cases.FailReason"), StringLength(1000, ErrorMessage = "Validation.MaxLength")] public string? FailReason { get; set; }

        [Display(Name = "Admin.Cases.Adopted")] public bool? Adopted { get; set; }
        [Display(Name = "Admin.Cases.SuggestionReply"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? SuggestionReply { get; set; }

        [Display(Name = "Admin.Cases.Developer.ForwardedAt")] public DateTime? ForwardedAt { get; set; }
        [Display(Name = "Admin.Cases.Developer.What"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? ForwardWhat { get; set; }
        [Display(Name = "Admin.Cases.Developer.AnsweredAt")] public DateTime? AnsweredAt { get; set; }
        [Display(Name = "Admin.Cases.Developer.Answer"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? DeveloperAnswer { get; set; }

        [Display(Name = "Admin.Cases.External.With"), StringLength(200, ErrorMessage = "Validation.MaxLength")] public string? CoordinatedWith { get; set; }
        [Display(Name = "Admin.Cases.External.When")] public DateTime? CoordinatedAt { get; set; }
        [Display(Name = "Admin.Cases.External.Agreed"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? Agreed { get; set; }
        [Display(Name = "Admin.Cases.External.Explanation"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? OwnerExplanation { get; set; }

        [Display(Name = "Admin.Cases.Reopen.Reason"), StringLength(1000, ErrorMessage = "Validation.MaxLength")] public string? ReopenReason { get; set; }
        [Display(Name = "Admin.Cases.Reopen.Deadline")] public DateTime? ReopenDeadline { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input.Class = Case.Class;
        Input.Category = Case.Category ?? Suggested?.Category;
        Input.IsMajor = Case.IsMajor;
        Input.Compensation = Case.CompensationClaimed;
        Input.DepartmentId = Case.AssignedDepartmentId ?? Suggested?.DepartmentId;
        Input.StaffId = Case.AssignedStaffId;
        Input.Plan = Case.HandlingPlan;
        Input.Deadline = Case.DeadlineAt is { } d ? Zone.ToLocal(d) : null;
        // Things that just happened are recorded most of the time: the time fields start at now.
        var local = Zone.ToLocal(clock.GetUtcNow());
        local = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));
        Input.ForwardedAt = Input.AnsweredAt = Input.CoordinatedAt = local;
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.Acknowledge, "Admin.Cases.Acknowledged", ct, (actor, now) =>
        {
            if (Required(nameof(Reply), Reply, "Admin.Cases.Reply")) return null;
            Case.Acknowledge(actor, now, Reply!);
            return [(CaseEventKind.Acknowledged, Reply)];
        });

    public async Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct)
    {
        var threshold = await db.CompanySettings.AsNoTracking().Select(s => (decimal?)s.MajorCompensationThreshold).FirstOrDefaultAsync(ct) ?? 1000m;
        return await ActAsync(id, CaseAction.Assign, "Admin.Cases.AssignedDone", ct, (actor, now) =>
        {
            if (Input.Category is null) ModelState.AddModelError("Input.Category", t["Validation.Required", t["Admin.Cases.Category"]]);
            if (Case.Type == CaseType.Complaint && Input.Class is null) ModelState.AddModelError("Input.Class", t["Validation.Required", t["Admin.Cases.Class"]]);
            if (Input.DepartmentId is not { } dep || Departments.All(d => d.Id != dep))
                ModelState.AddModelError("Input.DepartmentId", t["Validation.Required", t["Admin.Cases.Department"]]);
            else if (Input.StaffId is { } person && !DepartmentStaff.Any(s => s.Id == person && s.DepartmentId == dep))
                ModelState.AddModelError("Input.StaffId", t["Admin.Cases.PersonNotInDepartment"]);
            if (!ModelState.IsValid) return null;
            Case.Assign(actor, now, new Assignment(Input.DepartmentId!.Value, Input.StaffId, Input.Category!.Value,
                Case.Type == CaseType.Complaint ? Input.Class : null, Input.IsMajor, Input.Compensation), threshold);
            var department = Departments.First(d => d.Id == Input.DepartmentId).Name;
            return [(CaseEventKind.Assigned, department)];
        });
    }

    public Task<IActionResult> OnPostPlanAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.Plan, "Admin.Cases.PlannedDone", ct, (actor, now) =>
        {
            Required("Input.Plan", Input.Plan, "Admin.Cases.PlanField");
            var deadline = FutureDate("Input.Deadline", Input.Deadline, "Admin.Cases.Deadline", now);
            if (!ModelState.IsValid) return null;
            Case.Plan(actor, now, Input.Plan!, deadline!.Value);
            return [(CaseEventKind.Planned, Input.Plan!.Trim())]; // the mail adds the deadline in the owner's language
        });

    public Task<IActionResult> OnPostStartAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.Start, "Admin.Cases.StartedDone", ct, (actor, now) =>
        {
            Case.Start(actor, now);
            return [(CaseEventKind.Started, null)];
        });

    public Task<IActionResult> OnPostNoteAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.Comment, "Admin.Cases.NoteDone", ct, (actor, now) =>
        {
            if (Required("Input.Note", Input.Note, "Admin.Cases.Note")) return null;
            Case.Comment(actor, now, Input.Note!, Input.NoteIsPublic);
            return Input.NoteIsPublic ? [(CaseEventKind.Comment, Input.Note)] : [];
        });

    public Task<IActionResult> OnPostHandBackAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.HandBack, "Admin.Cases.HandedBackDone", ct, (actor, now) =>
        {
            if (Required("Input.HandBackReason", Input.HandBackReason, "Admin.Cases.HandBackReason")) return null;
            Case.HandBack(actor, now, Input.HandBackReason!);
            return []; // internal: the owner is not told
        });

    public Task<IActionResult> OnPostResolveAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.Resolve, "Admin.Cases.ResolvedDone", ct, (actor, now) =>
        {
            if (Required("Input.ResolveNote", Input.ResolveNote, "Admin.Cases.ResolveNote")) return null;
            Case.Resolve(actor, now, Input.ResolveNote!);
            return [(CaseEventKind.Resolved, Input.ResolveNote)];
        });

    public Task<IActionResult> OnPostReviseAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.ReviseDeadline, "Admin.Cases.RevisedDone", ct, (actor, now) =>
        {
            var date = FutureDate("Input.RevisedDate", Input.RevisedDate, "Admin.Cases.RevisedDate", now);
            Required("Input.RevisedReason", Input.RevisedReason, "Admin.Cases.RevisedReason");
            if (!ModelState.IsValid) return null;
            Case.ReviseDeadline(actor, now, date!.Value, Input.RevisedReason!);
            return [(CaseEventKind.DeadlineRevised, Input.RevisedReason!.Trim())];
        });

    /// <summary>Verification passed: verified and closed in one step.</summary>
    public Task<IActionResult> OnPostPassAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.Verify, "Admin.Cases.ClosedDone", ct, (actor, now) =>
        {
            Case.Verify(actor, now, string.IsNullOrWhiteSpace(Input.VerifyNote) ? null : Input.VerifyNote);
            Case.Close(actor, now);
            return [(CaseEventKind.Closed, Input.VerifyNote)];
        });

    public Task<IActionResult> OnPostFailAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.FailVerification, "Admin.Cases.FailedDone", ct, (actor, now) =>
        {
            if (Required("Input.FailReason", Input.FailReason, "Admin.Cases.FailReason")) return null;
            Case.FailVerification(actor, now, Input.FailReason!);
            return []; // internal: back to the department
        });

    public Task<IActionResult> OnPostAnswerSuggestionAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.AnswerSuggestion, "Admin.Cases.AnsweredDone", ct, (actor, now) =>
        {
            if (Input.Adopted is null) ModelState.AddModelError("Input.Adopted", t["Validation.Required", t["Admin.Cases.Adopted"]]);
            Required("Input.SuggestionReply", Input.SuggestionReply, "Admin.Cases.SuggestionReply");
            if (!ModelState.IsValid) return null;
            Case.AnswerSuggestion(actor, now, Input.Adopted!.Value, Input.SuggestionReply!);
            return [(CaseEventKind.SuggestionAnswered, Input.SuggestionReply)];
        });

    /// <summary>Class 2: what was forwarded to the developer and when; the case waits on the developer from then.</summary>
    public Task<IActionResult> OnPostForwardAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.ForwardToDeveloper, "Admin.Cases.Developer.ForwardedDone", ct, (actor, now) =>
        {
            var at = PastDate("Input.ForwardedAt", Input.ForwardedAt, "Admin.Cases.Developer.ForwardedAt", Case.ReceivedAt, now);
            Required("Input.ForwardWhat", Input.ForwardWhat, "Admin.Cases.Developer.What");
            if (!ModelState.IsValid) return null;
            Case.ForwardToDeveloper(actor, now, at!.Value, Input.ForwardWhat!);
            return [(CaseEventKind.ForwardedToDeveloper, null)];
        });

    /// <summary>Class 2: the developer's answer to one forwarding (the form names which).</summary>
    public Task<IActionResult> OnPostDeveloperAnswerAsync(long id, long forwarding, CancellationToken ct) =>
        ActAsync(id, CaseAction.RecordDeveloperAnswer, "Admin.Cases.Developer.AnsweredDone", ct, (actor, now) =>
        {
            var open = Case.DeveloperForwardings.FirstOrDefault(f => f.Id == forwarding && !f.IsAnswered);
            if (open is null) { ModelState.AddModelError("", t["Cases.Detail.NotNow"]); return null; }
            var at = PastDate("Input.AnsweredAt", Input.AnsweredAt, "Admin.Cases.Developer.AnsweredAt", open.ForwardedAt, now);
            Required("Input.DeveloperAnswer", Input.DeveloperAnswer, "Admin.Cases.Developer.Answer");
            if (!ModelState.IsValid) return null;
            Case.RecordDeveloperAnswer(actor, now, open, at!.Value, Input.DeveloperAnswer!);
            return [(CaseEventKind.DeveloperAnswered, null)];
        });

    /// <summary>Class 3: a coordination outside the estate and the explanation the owner reads.</summary>
    public Task<IActionResult> OnPostCoordinateAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.CoordinateExternal, "Admin.Cases.External.Done", ct, (actor, now) =>
        {
            Required("Input.CoordinatedWith", Input.CoordinatedWith, "Admin.Cases.External.With");
            var at = PastDate("Input.CoordinatedAt", Input.CoordinatedAt, "Admin.Cases.External.When", Case.ReceivedAt, now);
            Required("Input.Agreed", Input.Agreed, "Admin.Cases.External.Agreed");
            Required("Input.OwnerExplanation", Input.OwnerExplanation, "Admin.Cases.External.Explanation");
            if (!ModelState.IsValid) return null;
            Case.CoordinateExternal(actor, now, new ExternalCoordinationDetails(Input.CoordinatedWith!, at!.Value, Input.Agreed!, Input.OwnerExplanation!));
            return [(CaseEventKind.ExternalCoordinated, Input.OwnerExplanation)];
        });

    /// <summary>Staff reopen a resolved, verified or closed case (e.g. after a dissatisfied callback), back to its department.</summary>
    public Task<IActionResult> OnPostReopenAsync(long id, CancellationToken ct) =>
        ActAsync(id, CaseAction.Reopen, "Admin.Cases.Reopen.Done", ct, (actor, now) =>
        {
            Required("Input.ReopenReason", Input.ReopenReason, "Admin.Cases.Reopen.Reason");
            var deadline = Input.ReopenDeadline is null ? null : FutureDate("Input.ReopenDeadline", Input.ReopenDeadline, "Admin.Cases.Reopen.Deadline", now);
            if (!ModelState.IsValid) return null;
            Case.Reopen(actor, now, Input.ReopenReason!, deadline);
            return [(CaseEventKind.Reopened, Input.ReopenReason)];
        });

    /// <summary>
    /// One step: the case must be found, the step offered to this staff member now, the form not stale; then the
    /// step, the owners' mails and the save in one transaction. <paramref name="apply"/> returns null when the
    /// input is invalid (with the errors in ModelState), else the steps to notify the owners of.
    /// </summary>
    private async Task<IActionResult> ActAsync(long id, CaseAction action, string done, CancellationToken ct,
        Func<Actor, DateTimeOffset, IReadOnlyList<(CaseEventKind Step, string? Text)>?> apply)
    {
        Posted = action;
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        // A progress note never conflicts; every other step refuses a form opened on an older version.
        if (action != CaseAction.Comment && LoadedVersion != Case.Version) return await ConflictAsync(id, ct);
        if (!Offered.Contains(action)) { ModelState.AddModelError("", t["Cases.Detail.NotNow"]); return Page(); }
        var now = clock.GetUtcNow();
        IReadOnlyList<(CaseEventKind Step, string? Text)>? steps;
        var wasClosed = Case.Status == CaseStatus.Closed;
        try
        {
            steps = apply(StaffActor(), now);
        }
        catch (WorkflowException)
        {
            ModelState.AddModelError("", t["Cases.Detail.NotNow"]);
            return Page();
        }
        if (steps is null) return Page();
        // Closed now (销项): the callback policy decides, in the same transaction (SPEC 3).
        if (!wasClosed && Case.Status == CaseStatus.Closed) await callbacks.DecideAsync(Case, now, ct);
        foreach (var (step, text) in steps) await mail.NotifyAsync(Case, step, text, now, ct);
        return await SaveAsync(id, done, ct);
    }

    /// <summary>Saves a step: done, back to the page with the message; or the conflict when someone saved first.</summary>
    private async Task<IActionResult> SaveAsync(long id, string done, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(id, ct);
        }
        StatusMessage = done;
        return RedirectToPage(new { id });
    }

    /// <summary>Someone else saved first: nothing is saved, the differences are listed, what was typed stays.</summary>
    private async Task<IActionResult> ConflictAsync(long id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        CaseSnapshot? loaded = null;
        try { if (LoadedState is not null) loaded = JsonSerializer.Deserialize<CaseSnapshot>(LoadedState); }
        catch (JsonException) { }
        Conflicts = loaded is null ? [] : CaseSnapshot.Differences(loaded, CaseSnapshot.Of(Case)).Select(Describe).ToList();
        ModelState.AddModelError("", t["Admin.Cases.Conflict"]);
        // The form now carries the current version: after reading what changed, the user may save again.
        ModelState.Remove(nameof(LoadedVersion));
        ModelState.Remove(nameof(LoadedState));
        LoadedVersion = Case.Version;
        LoadedState = CurrentState;
        return Page();
    }

    private string Describe(CaseChange change)
    {
        string Show(object? v) => v switch
        {
            null => t["Admin.Cases.None"],
            CaseStatus s => t.Enum(s),
            DateTimeOffset d => LocalTime.Format(d, Zone),
            _ when change.Field == CaseField.Department => Departments.FirstOrDefault(d => d.Id == (int)v)?.Name ?? "?",
            _ when change.Field == CaseField.Person => DepartmentStaff.FirstOrDefault(s => s.Id == (int)v).Name ?? "?",
            _ => Convert.ToString(v, CultureInfo.CurrentCulture) ?? "",
        };
        return t["Admin.Cases.Changed", t[$"Admin.Cases.Field.{change.Field}"], Show(change.Before), Show(change.After)];
    }

    /// <summary>Adds "please fill in" when empty; true when it did.</summary>
    private bool Required(string key, string? value, string label)
    {
        if (!string.IsNullOrWhiteSpace(value)) return false;
        ModelState.AddModelError(key, t["Validation.Required", t[label]]);
        return true;
    }

    /// <summary>A local date and time in the estate's zone, which must lie in the future.</summary>
    private DateTimeOffset? FutureDate(string key, DateTime? local, string label, DateTimeOffset now)
    {
        if (local is not { } value) { ModelState.AddModelError(key, t["Validation.Required", t[label]]); return null; }
        var utc = ToUtc(value);
        if (utc <= now) { ModelState.AddModelError(key, t["Admin.Cases.DateInPast"]); return null; }
        return utc;
    }

    /// <summary>A local date and time in the estate's zone for something that already happened, not before <paramref name="earliest"/>.</summary>
    private DateTimeOffset? PastDate(string key, DateTime? local, string label, DateTimeOffset earliest, DateTimeOffset now)
    {
        if (local is not { } value) { ModelState.AddModelError(key, t["Validation.Required", t[label]]); return null; }
        var utc = ToUtc(value);
        // The form has whole minutes: an earlier step in the same minute still counts.
        if (utc > now) { ModelState.AddModelError(key, t["Admin.Cases.DateInFuture"]); return null; }
        if (utc < earliest.AddTicks(-(earliest.Ticks % TimeSpan.TicksPerMinute))) { ModelState.AddModelError(key, t["Admin.Cases.DateTooEarly", LocalTime.Format(earliest, Zone)]); return null; }
        // The current minute means "just now": keep the exact time so the timeline stays in order.
        return now - utc < TimeSpan.FromMinutes(1) ? now : utc < earliest ? earliest : utc;
    }

    /// <summary>A date and time typed in the estate's zone, in UTC.</summary>
    private DateTimeOffset ToUtc(DateTime local) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone));

    private Actor StaffActor() =>
        new(ActorKind.Staff, User.FindFirst("name")?.Value ?? "", StaffId: User.StaffIdOf(), Role: User.StaffRoleOf());

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var found = await db.Cases.Include(c => c.Events).Include(c => c.WorkOrders).Include(c => c.DeveloperForwardings).Include(c => c.ExternalCoordinations)
            .Include(c => c.SpecialReport).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is null) return false; // not in this staff member's estate, or no such case
        Case = found;
        var estate = await db.Estates.Where(e => e.Id == found.EstateId).Select(e => new { e.Name, e.TimeZone }).SingleAsync(ct);
        (Estate, Zone) = (estate.Name, LocalTime.Zone(estate.TimeZone));
        Place = await CasePlace.NameAsync(db, found, ct);
        Departments = await db.Departments.AsNoTracking().Where(d => d.EstateId == found.EstateId).OrderBy(d => d.Kind).ThenBy(d => d.Id).ToListAsync(ct);
        DepartmentStaff = (await db.Staff.AsNoTracking()
                .Where(s => s.EstateId == found.EstateId && s.DepartmentId != null && s.IsActive)
                .OrderBy(s => s.DepartmentId).ThenBy(s => s.FullName)
                .Select(s => new { s.Id, s.FullName, DepartmentId = s.DepartmentId!.Value }).ToListAsync(ct))
            .Select(s => (s.Id, s.FullName, s.DepartmentId)).ToList();
        SignedOffBy = found.PlanSignedOffByStaffId is { } signer
            ? await db.Staff.Where(s => s.Id == signer).Select(s => s.FullName).FirstOrDefaultAsync(ct) : null;

        var actor = StaffActor();
        int? myDepartment = actor.StaffId is { } me ? await db.Staff.Where(s => s.Id == me).Select(s => s.DepartmentId).FirstOrDefaultAsync(ct) : null;
        Offered = CaseAccess.Offered(found, actor, myDepartment).ToHashSet();
        MayManageWork = WorkOrder.MayManage(found, actor, myDepartment);
        if (Offered.Contains(CaseAction.Assign))
            Suggested = (await KeywordSuggester.ForEstateAsync(db, found.EstateId, found.Id, ct: ct)).Suggest(found.Description);

        CurrentState = JsonSerializer.Serialize(CaseSnapshot.Of(found));
        if (!Request.HasFormContentType) (LoadedVersion, LoadedState) = (found.Version, CurrentState);
        return true;
    }
}
