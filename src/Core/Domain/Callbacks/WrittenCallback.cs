using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OwnerPortal.Core.Domain.Callbacks;

/// <summary>
/// A department's written callback round (000 3.4.1): a reproducible sample of the estate's households, each invited
/// to a short questionnaire about that department's service (by e-mail and in the Portal), or answering on paper.
/// </summary>
public class WrittenCallbackRound
{
    public int Id { get; set; }
    public int EstateId { get; set; }
    public int DepartmentId { get; set; }
    /// <summary>The draw's seed: with the estate's units and the exclusions it reproduces the sample.</summary>
    public required string Seed { get; set; }
    /// <summary>The estate's households when drawn: the sample size's base.</summary>
    public int Households { get; set; }
    public DateTimeOffset DrawnAt { get; set; }
    public int? DrawnByStaffId { get; set; }
    public required string DrawnBy { get; set; }
    public List<WrittenCallbackInvitation> Invitations { get; } = [];
}

/// <summary>One sampled household of a round and its answer: one answer per household per round, online or on paper.</summary>
public class WrittenCallbackInvitation
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int EstateId { get; set; }
    public int UnitId { get; set; }
    public DateTimeOffset InvitedAt { get; set; }
    /// <summary>How many e-mails went out (0: no one of the household has an account with an address; paper only).</summary>
    public int Mails { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public bool IsPaper { get; set; }
    public int? AnsweredByPersonId { get; set; }
    public int? EnteredByStaffId { get; set; }
    public int? Quality { get; set; }
    public int? Timeliness { get; set; }
    public int? Attitude { get; set; }
    public int? Overall { get; set; }
    public string? Comments { get; set; }

    public bool IsAnswered => AnsweredAt is not null;

    /// <summary>Records the household's answer; a second answer is refused (<see cref="InvalidOperationException"/>).</summary>
    public void Answer(WrittenAnswer answer, DateTimeOffset now, int? personId, int? staffId)
    {
        if (IsAnswered) throw new InvalidOperationException("This household has already answered.");
        answer.Validate();
        (Quality, Timeliness, Attitude, Overall) = (answer.Quality, answer.Timeliness, answer.Attitude, answer.Overall);
        Comments = string.IsNullOrWhiteSpace(answer.Comments) ? null : answer.Comments.Trim();
        (AnsweredAt, AnsweredByPersonId, EnteredByStaffId, IsPaper) = (now, personId, staffId, personId is null);
    }
}

/// <summary>The questionnaire: quality, timeliness, attitude and overall on 1-5 (all required), optional comments.</summary>
public sealed record WrittenAnswer(int Quality, int Timeliness, int Attitude, int Overall, string? Comments)
{
    public void Validate()
    {
        foreach (var r in new[] { Quality, Timeliness, Attitude, Overall })
            if (r is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(Overall), "Ratings are 1 to 5.");
    }
}

/// <summary>
/// The rules of written callbacks (000 3.4.1), as plain code: the sample size (at least 5% of the estate's households,
/// rounded up), the reproducible draw avoiding households contacted in the last 30 days, and the yearly coverage.
/// </summary>
public static class WrittenCallbackRules
{
    public const int TargetPercent = 5;
    public const int ExclusionDays = 30;

    /// <summary>At least 5% of the households, rounded up (one household at least when there are any).</summary>
    public static int SampleSize(int households) =>
        households <= 0 ? 0 : (int)Math.Ceiling(households * TargetPercent / 100.0);

    /// <summary>Contacts at or after this moment exclude a household from a draw at <paramref name="now"/>.</summary>
    public static DateTimeOffset ExclusionStart(DateTimeOffset now) => now.AddDays(-ExclusionDays);

    /// <summary>The stable place of a unit in a draw: a hash of (seed, unit).</summary>
    public static ulong Rank(string seed, int unitId) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.ASCII.GetBytes($"written:{seed}:{unitId}")));

    /// <summary>
    /// Draws <see cref="SampleSize"/> households: those not contacted recently in hash order; only when too few remain
    /// are recently contacted ones added (also in hash order), so the 5% is always met. Same inputs -> same sample.
    /// </summary>
    public static IReadOnlyList<int> Draw(IEnumerable<int> unitIds, IReadOnlySet<int> recentlyContacted, string seed)
    {
        var all = unitIds.Distinct().ToList();
        var size = SampleSize(all.Count);
        return all.OrderBy(u => recentlyContacted.Contains(u)).ThenBy(u => Rank(seed, u)).ThenBy(u => u).Take(size).OrderBy(u => u).ToList();
    }

    /// <summary>A department's coverage of a year: distinct households sampled / households, against the 5% target.</summary>
    public static Coverage CoverageOf(int householdsSampled, int households) => new(householdsSampled, households);

    /// <summary>Share of answers with overall 4-5, in percent; null without answers.</summary>
    public static double? Satisfaction(IEnumerable<int?> overall)
    {
        var answered = overall.Where(o => o is not null).ToList();
        return answered.Count == 0 ? null : 100.0 * answered.Count(o => o >= 4) / answered.Count;
    }
}

public sealed record Coverage(int Sampled, int Households)
{
    public double Percent => Households == 0 ? 0 : 100.0 * Sampled / Households;
    public bool MeetsTarget => Households > 0 && Sampled >= WrittenCallbackRules.SampleSize(Households);
}
