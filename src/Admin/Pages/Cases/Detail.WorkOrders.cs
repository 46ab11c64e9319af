using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.WorkOrders;
using OwnerPortal.Core.Time;
using OwnerPortal.Core.WorkOrders;

namespace OwnerPortal.Admin.Pages.Cases;

/// <summary>
/// Repair work orders on the staff case page (SPEC 2, 002 第五节): issue to a worker (free or paid), set or revise the
/// quote the owner must accept, record completion (which also resolves the case when this staff member may), key in
/// the owner's sign-off from the paper order, cancel. The rules are in <see cref="WorkOrder"/>.
/// </summary>
public partial class DetailModel
{
    /// <summary>Rows offered on the quote form; blank rows are ignored.</summary>
    public const int QuoteRows = 6;

    [BindProperty] public WorkOrderInput WO { get; set; } = new();
    /// <summary>The signed-in staff member issues, quotes and completes work orders on this case.</summary>
    public bool MayManageWork { get; private set; }
    public IReadOnlyList<WorkOrder> WorkOrdersNewestFirst => Case.WorkOrders.OrderByDescending(w => w.IssuedAt).ThenByDescending(w => w.Id).ToList();
    public WorkOrder? OpenOrder => Case.WorkOrders.FirstOrDefault(w => w.Stage == WorkOrderStage.Open);
    /// <summary>The staff of the department handling the case: the workers to choose from.</summary>
    public IEnumerable<(int Id, string Name, int DepartmentId)> Workers => DepartmentStaff.Where(s => s.DepartmentId == Case.AssignedDepartmentId);

    public sealed class WorkOrderInput
    {
        [Display(Name = "Admin.WorkOrders.Worker")] public int? WorkerStaffId { get; set; }
        [Display(Name = "Admin.WorkOrders.WorkerName"), StringLength(100, ErrorMessage = "Validation.MaxLength")] public string? WorkerName { get; set; }
        [Display(Name = "Admin.WorkOrders.Paid")] public bool IsPaid { get; set; }
        [Display(Name = "Admin.WorkOrders.Materials"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? Materials { get; set; }

        public List<QuoteLineInput> Lines { get; set; } = [];
        [Display(Name = "WorkOrders.Labour"), Range(typeof(decimal), "0", "1000000", ErrorMessage = "Admin.WorkOrders.AmountRange")]
        public decimal? Labour { get; set; }

        [Display(Name = "Admin.WorkOrders.WorkDone"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? WorkDone { get; set; }
        [Display(Name = "Admin.WorkOrders.MaterialsUsed"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? MaterialsUsed { get; set; }
        [Display(Name = "Admin.WorkOrders.CompletedAt")] public DateTime? CompletedAt { get; set; }

        [Display(Name = "Admin.WorkOrders.PaperComment"), StringLength(1000, ErrorMessage = "Validation.MaxLength")] public string? SignOffComment { get; set; }
        [Display(Name = "Admin.WorkOrders.CancelReason"), StringLength(1000, ErrorMessage = "Validation.MaxLength")] public string? CancelReason { get; set; }
    }

    public sealed class QuoteLineInput
    {
        [StringLength(200, ErrorMessage = "Validation.MaxLength")] public string? Item { get; set; }
        [Range(typeof(decimal), "0", "100000", ErrorMessage = "Admin.WorkOrders.AmountRange")] public decimal? Quantity { get; set; }
        [Range(typeof(decimal), "0", "1000000", ErrorMessage = "Admin.WorkOrders.AmountRange")] public decimal? UnitPrice { get; set; }
    }

    /// <summary>The quote form starts from the current quote (a revision) and always has <see cref="QuoteRows"/> rows.</summary>
    public IReadOnlyList<QuoteLineInput> QuoteFormLines()
    {
        var lines = WO.Lines.Count > 0 ? WO.Lines
            : (OpenOrder?.QuoteLines ?? []).Select(l => new QuoteLineInput { Item = l.Item, Quantity = l.Quantity, UnitPrice = l.UnitPrice }).ToList();
        return lines.Concat(Enumerable.Range(0, Math.Max(0, QuoteRows - lines.Count)).Select(_ => new QuoteLineInput())).ToList();
    }

    public Task<IActionResult> OnPostIssueWorkOrderAsync(long id, CancellationToken ct) =>
        WorkStepAsync(id, "Admin.WorkOrders.IssuedDone", ct, async (actor, now) =>
        {
            var staff = WO.WorkerStaffId is { } sid ? Workers.FirstOrDefault(w => w.Id == sid) : default;
            if (WO.WorkerStaffId is not null && staff.Name is null)
                ModelState.AddModelError("WO.WorkerStaffId", t["Admin.Cases.PersonNotInDepartment"]);
            else if (staff.Name is null && string.IsNullOrWhiteSpace(WO.WorkerName))
                ModelState.AddModelError("WO.WorkerStaffId", t["Validation.Required", t["Admin.WorkOrders.Worker"]]);
            if (!WorkOrder.CanIssue(Case)) ModelState.AddModelError("", t["Cases.Detail.NotNow"]);
            if (!ModelState.IsValid) return false;
            var worker = staff.Name is not null ? new Worker(staff.Name, staff.Id) : new Worker(WO.WorkerName!);
            var number = await WorkOrderNumbers.NextAsync(db, Case.EstateId, Zone.ToLocal(now).Year, ct);
            WorkOrder.Issue(Case, number, worker, WO.IsPaid, WO.Materials, actor, now);
            return true;
        });

    public Task<IActionResult> OnPostQuoteAsync(long id, long order, [FromServices] WorkOrderMail quoteMail, CancellationToken ct) =>
        WorkStepAsync(id, "Admin.WorkOrders.QuotedDone", ct, async (actor, now) =>
        {
            if (Case.WorkOrders.FirstOrDefault(w => w.Id == order) is not { } o) { ModelState.AddModelError("", t["Cases.Detail.NotNow"]); return false; }
            var lines = new List<QuoteLine>();
            for (var i = 0; i < WO.Lines.Count; i++)
            {
                var l = WO.Lines[i];
                if (string.IsNullOrWhiteSpace(l.Item)) continue;
                if (l.Quantity is not > 0) ModelState.AddModelError($"WO.Lines[{i}].Quantity", t["Admin.WorkOrders.QuantityRequired"]);
                if (l.UnitPrice is null) ModelState.AddModelError($"WO.Lines[{i}].UnitPrice", t["Validation.Required", t["Admin.WorkOrders.UnitPrice"]]);
                lines.Add(new QuoteLine { Item = l.Item, Quantity = l.Quantity ?? 0, UnitPrice = l.UnitPrice ?? 0 });
            }
            if (lines.Count == 0 && WO.Labour is not > 0) ModelState.AddModelError("WO.Labour", t["Admin.WorkOrders.QuoteEmpty"]);
            if (!ModelState.IsValid) return false;
            o.SetQuote(Case, lines, WO.Labour ?? 0, actor, now);
            await quoteMail.QuoteAwaitingAsync(Case, o, now, ct);
            return true;
        });

    public Task<IActionResult> OnPostCompleteWorkAsync(long id, long order, CancellationToken ct) =>
        WorkStepAsync(id, "Admin.WorkOrders.CompletedDone", ct, async (actor, now) =>
        {
            if (Case.WorkOrders.FirstOrDefault(w => w.Id == order) is not { } o) { ModelState.AddModelError("", t["Cases.Detail.NotNow"]); return false; }
            if (string.IsNullOrWhiteSpace(WO.WorkDone)) ModelState.AddModelError("WO.WorkDone", t["Validation.Required", t["Admin.WorkOrders.WorkDone"]]);
            var completedAt = WO.CompletedAt is { } local
                ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone)) : now;
            if (completedAt > now) ModelState.AddModelError("WO.CompletedAt", t["Admin.WorkOrders.CompletedInFuture"]);
            else if (completedAt < o.IssuedAt) ModelState.AddModelError("WO.CompletedAt", t["Admin.WorkOrders.CompletedBeforeIssued"]);
            if (!ModelState.IsValid) return false;
            o.Complete(Case, WO.WorkDone!, WO.MaterialsUsed, completedAt, actor, now);
            // The repair is done: the case is resolved too when this staff member may resolve it (the department).
            if (Offered.Contains(CaseAction.Resolve))
            {
                Case.Resolve(actor, now, WO.WorkDone!);
                await mail.NotifyAsync(Case, CaseEventKind.Resolved, WO.WorkDone, now, ct);
            }
            return true;
        });

    public Task<IActionResult> OnPostPaperSignOffAsync(long id, long order, CancellationToken ct) =>
        OrderTextStepAsync(id, order, "Admin.WorkOrders.SignedOffDone", "WO.SignOffComment", WO.SignOffComment, "Admin.WorkOrders.PaperComment", ct,
            (o, text, actor, now) => o.SignOff(Case, text, actor, now));

    public Task<IActionResult> OnPostCancelWorkOrderAsync(long id, long order, CancellationToken ct) =>
        OrderTextStepAsync(id, order, "Admin.WorkOrders.CancelledDone", "WO.CancelReason", WO.CancelReason, "Admin.WorkOrders.CancelReason", ct,
            (o, text, actor, now) => o.Cancel(Case, text, actor, now));

    /// <summary>A step on one order that needs one text (the paper sign-off's comment, the reason to cancel).</summary>
    private Task<IActionResult> OrderTextStepAsync(long id, long order, string done, string field, string? text, string label, CancellationToken ct,
        Action<WorkOrder, string, Actor, DateTimeOffset> apply) =>
        WorkStepAsync(id, done, ct, (actor, now) =>
        {
            if (Case.WorkOrders.FirstOrDefault(w => w.Id == order) is not { } o) ModelState.AddModelError("", t["Cases.Detail.NotNow"]);
            else if (string.IsNullOrWhiteSpace(text)) ModelState.AddModelError(field, t["Validation.Required", t[label]]);
            else apply(o, text, actor, now);
            return Task.FromResult(ModelState.IsValid);
        });

    /// <summary>
    /// One work-order step: the case found and in this staff member's hands, the input valid, the step allowed now
    /// (the order's state is checked by <see cref="WorkOrder"/>); then the step, its mails and the save together. A
    /// concurrent change of the order or the case is reported like any other conflict on this page.
    /// </summary>
    private async Task<IActionResult> WorkStepAsync(long id, string done, CancellationToken ct, Func<Actor, DateTimeOffset, Task<bool>> apply)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (!MayManageWork) { ModelState.AddModelError("", t["Cases.Detail.NotNow"]); return Page(); }
        try
        {
            if (!await apply(StaffActor(), clock.GetUtcNow())) return Page();
        }
        catch (WorkflowException)
        {
            ModelState.AddModelError("", t["Cases.Detail.NotNow"]);
            return Page();
        }
        return await SaveAsync(id, done, ct);
    }
}
