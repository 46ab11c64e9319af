using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Domain.Reports;

namespace OwnerPortal.Admin.Pages.Reports;

/// <summary>
/// The corrective-action form (problem, cause, action, who, by when) shared by the repeat flags and the callback
/// reports: one set of rules for what makes an item, wherever it is raised.
/// </summary>
public class CorrectiveActionInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Reports.Problem")]
    public string? Problem { get; set; }
    [StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Reports.Cause")]
    public string? Cause { get; set; }
    [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Reports.Action")]
    public string? Action { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.Reports.Responsible")]
    public int? ResponsibleStaffId { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.Reports.DueOn")]
    public DateOnly? DueOn { get; set; }

    /// <summary>
    /// The item this form describes, or null when it needs correcting: besides the attributes, the responsible person
    /// must be one of <paramref name="staff"/> (the estate's) and the due date not in the past (errors under <paramref name="prefix"/>).
    /// </summary>
    public Rectification? ToRectification(ModelStateDictionary modelState, string prefix, IReadOnlyList<(int Id, string Name)> staff,
        DateOnly today, IStringLocalizer t, int estateId, RectificationSource source, string sourceKey)
    {
        var responsible = staff.FirstOrDefault(s => s.Id == ResponsibleStaffId);
        if (ResponsibleStaffId is not null && responsible.Id == 0)
            modelState.AddModelError($"{prefix}.ResponsibleStaffId", t["Validation.Required", t["Admin.Reports.Responsible"]]);
        if (DueOn is { } due && due < today) modelState.AddModelError($"{prefix}.DueOn", t["Admin.Reports.DueInPast"]);
        if (!modelState.IsValid) return null;
        return new Rectification
        {
            EstateId = estateId, Source = source, SourceKey = sourceKey,
            Problem = Problem!.Trim(), Cause = string.IsNullOrWhiteSpace(Cause) ? null : Cause.Trim(), Action = Action!.Trim(),
            ResponsibleStaffId = responsible.Id, ResponsibleName = responsible.Name, DueOn = DueOn!.Value, Status = RectificationStatus.Planned,
        };
    }
}

/// <summary>What the corrective-action list and form (_Rectifications.cshtml) show, and where their forms post to.</summary>
public sealed record RectificationsView(IReadOnlyList<Rectification> Items, CorrectiveActionInput Problem,
    IReadOnlyList<(int Id, string Name)> StaffOptions, bool CanEdit, string? Failed, TimeZoneInfo Zone, DateOnly Today,
    IDictionary<string, string> Route);
