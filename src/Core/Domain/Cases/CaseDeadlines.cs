using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Core.Domain.Cases;

/// <summary>The SPEC 2 due times of a new case, from the company settings and the working-day calendar.</summary>
public static class CaseDeadlines
{
    public static CaseDueTimes ForReceipt(DateTimeOffset receivedAt, CompanySettings settings, WorkingCalendar calendar) => new(
        FeedbackDueAt: receivedAt.AddHours(settings.FeedbackHours),
        ResponseDueAt: calendar.AddWorkingDays(receivedAt, settings.ResponseWorkingDays),
        EscalationDueAt: receivedAt.AddDays(settings.EscalationDays));

    public static DateTimeOffset MajorReportDue(DateTimeOffset flaggedAt, CompanySettings settings, WorkingCalendar calendar) =>
        calendar.AddWorkingDays(flaggedAt, settings.MajorReportWorkingDays);
}
