using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Core.Domain.Surveys;

/// <summary>When rounds run and when households may be reminded (SPEC 4, 000 3.2.1). Every number is a default.</summary>
public static class SurveyCalendar
{
    public const int MaxReminders = 2;
    public const int MinDaysBetweenMails = 5;
    public const int MaxQuestions = 20;
    public const int MaxOptions = 10;

    public static SurveyRoundStatus Status(DateOnly opensOn, DateOnly closesOn, DateOnly today) =>
        today < opensOn ? SurveyRoundStatus.Upcoming : today > closesOn ? SurveyRoundStatus.Closed : SurveyRoundStatus.Open;

    /// <summary>The next default round that has not started yet: all of July or all of January.</summary>
    public static (DateOnly OpensOn, DateOnly ClosesOn) NextDefault(DateOnly today)
    {
        var july = new DateOnly(today.Year, 7, 1);
        var opens = today < july ? july : new DateOnly(today.Year + 1, 1, 1);
        return (opens, opens.AddMonths(1).AddDays(-1));
    }

    /// <summary>
    /// A reminder may go out when the round is open, fewer than <see cref="MaxReminders"/> were sent, and at least
    /// <see cref="MinDaysBetweenMails"/> days passed since the invitation or the last reminder.
    /// </summary>
    public static bool CanRemind(SurveyRoundStatus status, DateTimeOffset? invitedAt, int remindersSent, DateTimeOffset? lastReminderAt, DateTimeOffset now) =>
        status == SurveyRoundStatus.Open && invitedAt is { } invited && remindersSent < MaxReminders
        && now - (lastReminderAt ?? invited) >= TimeSpan.FromDays(MinDaysBetweenMails);

    /// <summary>The complaint category behind each Part A item, so a low item leads to the cases that explain it.</summary>
    public static CaseCategory CategoryOf(SurveyItem item) => item switch
    {
        SurveyItem.FireSafetyAndSecurity => CaseCategory.Security,
        SurveyItem.Sanitation => CaseCategory.Sanitation,
        SurveyItem.Greening => CaseCategory.Greening,
        SurveyItem.ServiceAttitude => CaseCategory.ServiceAttitude,
        _ => CaseCategory.Facilities, // power, water, public facilities, repairs
    };

    /// <summary>Part A items are 5-point ratings; out-of-range values are not answers.</summary>
    public static bool IsRating(int? value) => value is >= 1 and <= 5;
}
