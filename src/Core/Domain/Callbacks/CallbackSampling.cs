using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Core.Domain.Callbacks;

/// <summary>What the policy decided for one completed case, and the rule that made it.</summary>
public sealed record CallbackDecision(CallbackKind Kind, int PolicyVersion, int SharePercent, double Draw,
    CallbackReason Reason, CallbackBy By, DateTimeOffset DueFrom, DateTimeOffset DueUntil)
{
    public bool Selected => Reason is CallbackReason.Sampled or CallbackReason.Always or CallbackReason.Required;
}

/// <summary>The facts about a completed case the sampling looks at.</summary>
public sealed record CompletedCase(long CaseId, CaseType Type, CaseChannel Channel, CaseLocation Location, CaseCategory? Category,
    bool IsUrgent, bool IsMajor, bool OwnerDissatisfied, DateTimeOffset CompletedAt)
{
    public static CompletedCase Of(Case c, DateTimeOffset completedAt) => new(c.Id, c.Type, c.Channel, c.Location, c.Category,
        c.IsUrgent, c.IsMajor, c.ReopenCount > 0 || c.EscalatedAt is not null || c.VerificationFailures > 0, completedAt);
}

/// <summary>
/// SPEC 3 sampling an auditor can replay: a case's draw is a stable hash of (case id, policy version) mapped to [0,1), and
/// the case is called back when the draw is below the share. Same case and policy version -> same decision; over many
/// cases the called-back share is the configured one. Major complaints and cases whose owner was dissatisfied (reopened,
/// appealed, or failed verification) are always called back.
/// </summary>
public static class CallbackSampling
{
    /// <summary>Which SPEC 3 row a case falls under; null when none does (suggestions).</summary>
    public static CallbackKind? KindOf(CompletedCase c) => c.Type switch
    {
        CaseType.Complaint when c.Channel == CaseChannel.Hotline => CallbackKind.HotlineComplaint,
        CaseType.Complaint => CallbackKind.Complaint,
        CaseType.RepairRequest when c.IsUrgent => CallbackKind.Emergency,
        CaseType.RepairRequest when c.Location == CaseLocation.PublicArea => CallbackKind.EngineeringRepair,
        CaseType.RepairRequest => CallbackKind.OwnerRepair,
        _ => null,
    };

    public static double Draw(long caseId, int policyVersion)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes($"callback:{caseId}:{policyVersion}"));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53);
    }

    public static CallbackDecision? Decide(CompletedCase c, CallbackPolicy policy, WorkingCalendar calendar) =>
        KindOf(c) is { } kind ? Decide(c, kind, policy, calendar) : null;

    public static CallbackDecision Decide(CompletedCase c, CallbackKind kind, CallbackPolicy policy, WorkingCalendar calendar)
    {
        var rule = policy.RuleFor(kind);
        var draw = Draw(c.CaseId, policy.Version);
        if (rule is null)
            return new(kind, policy.Version, 0, draw, CallbackReason.NoRule, CallbackBy.CustomerService, c.CompletedAt, c.CompletedAt);
        var (from, until) = rule.Window(c.CompletedAt, calendar);
        var reason =
            c.IsMajor || c.OwnerDissatisfied ? CallbackReason.Required
            : rule.ExcludedCategory is { } excluded && c.Category == excluded ? CallbackReason.Excluded
            : rule.SharePercent >= 100 ? CallbackReason.Always
            : draw < rule.SharePercent / 100.0 ? CallbackReason.Sampled
            : CallbackReason.NotSampled;
        // SPEC 3: major complaints are called back by the estate manager.
        var by = c.IsMajor ? CallbackBy.EstateManager : rule.By;
        return new(kind, policy.Version, rule.SharePercent, draw, reason, by, from, until);
    }
}
