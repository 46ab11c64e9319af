using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Reports;

namespace OwnerPortal.Core.Kpis.Rollups;

/// <summary>
/// Computes one estate's cells from its case and callback facts, measured at a time, with the compiled
/// <see cref="CaseMeasures"/> and <see cref="CallbackMeasures"/>; also the next time a figure changes without any
/// case changing (a deadline passing, an open case ageing into the next bucket).
/// </summary>
public static class KpiCellBuilder
{
    public sealed record Result(IReadOnlyList<CaseCell> Cases, IReadOnlyList<CallbackCell> Callbacks, DateTimeOffset? NextChangeAt);

    public static Result Build(int estateId, TimeZoneInfo zone, DateTimeOffset at, IReadOnlyList<CaseFacts> cases, IReadOnlyList<CallbackFacts> callbacks)
    {
        DateOnly MonthOf(DateTimeOffset t)
        {
            var local = TimeZoneInfo.ConvertTime(t, zone);
            return new DateOnly(local.Year, local.Month, 1);
        }

        var caseCells = new Dictionary<(int, DateOnly, int, int, int, int, int), CaseCell>();
        DateTimeOffset? next = null;
        void Later(DateTimeOffset? t)
        {
            if (t > at && (next is null || t < next)) next = t;
        }

        var repeats = RepeatFlags.RepeatComplaints(cases
            .Where(f => f.Type != CaseType.Suggestion && CaseMeasures.Received.InDenominator(f, at))
            .Select(f => new RepeatFlags.Row(f.Id, "", f.Type, f.ReceivedAt, f.UnitId, f.PublicAreaId, f.Location, f.Category)).ToList());

        foreach (var f in cases)
        {
            // Each count goes into the case's own cell, its category's total and the estate's total.
            void Add(DateTimeOffset? placed, int slot)
            {
                if (placed is not { } p) return;
                var month = MonthOf(p);
                foreach (var key in new[]
                         {
                             (estateId, month, (int)f.Type, Dim.Of(f.Category), Dim.Of(f.Class), (int)f.Channel, Dim.Of(f.DepartmentId)),
                             (estateId, month, Dim.All, Dim.Of(f.Category), Dim.All, Dim.All, Dim.All),
                             (estateId, month, Dim.All, Dim.All, Dim.All, Dim.All, Dim.All),
                         })
                {
                    if (!caseCells.TryGetValue(key, out var cell))
                        caseCells[key] = cell = new CaseCell
                        {
                            EstateId = key.Item1, Month = key.Item2, Type = key.Item3, Category = key.Item4, Class = key.Item5,
                            Channel = key.Item6, DepartmentId = key.Item7,
                        };
                    cell.Counts[slot]++;
                }
            }
            void AddMeasure(Measure<CaseFacts> m, int denominatorSlot, int numeratorSlot)
            {
                if (!m.InDenominator(f, at)) return;
                Add(m.Place(f), denominatorSlot);
                if (numeratorSlot >= 0 && m.InNumerator(f, at)) Add(m.Place(f), numeratorSlot);
            }

            AddMeasure(CaseMeasures.Received, CaseSlot.Received, -1);
            AddMeasure(CaseMeasures.Feedback, CaseSlot.FeedbackDue, CaseSlot.FeedbackOnTime);
            AddMeasure(CaseMeasures.Response, CaseSlot.ResponseDue, CaseSlot.ResponseOnTime);
            AddMeasure(CaseMeasures.Handling, CaseSlot.HandlingDue, CaseSlot.HandlingOnTime);
            AddMeasure(CaseMeasures.Verification, CaseSlot.Verified, CaseSlot.VerifiedFirstTime);
            AddMeasure(CaseMeasures.FirstTimeFix, CaseSlot.Closed, CaseSlot.ClosedFirstTime);
            AddMeasure(CaseMeasures.Open, CaseSlot.Open, -1);
            AddMeasure(CaseMeasures.Overdue, CaseSlot.Overdue, -1);
            AddMeasure(CaseMeasures.Escalated, CaseSlot.Escalated, -1);
            AddMeasure(CaseMeasures.Major, CaseSlot.Major, -1);
            if (repeats.Contains(f.Id)) Add(f.ReceivedAt, CaseSlot.RepeatComplaints);

            // Closure rate: complaints by month received; closed ones also by how many months later they closed, so
            // a period ending in any later month knows which were closed by its end.
            if (CaseMeasures.Closure.InDenominator(f, at))
            {
                Add(f.ReceivedAt, CaseSlot.Complaints);
                if (CaseMeasures.Closure.InNumerator(f, at))
                {
                    var received = MonthOf(f.ReceivedAt);
                    var closed = MonthOf(f.ClosedAt!.Value);
                    var after = (closed.Year - received.Year) * 12 + closed.Month - received.Month;
                    Add(f.ReceivedAt, CaseSlot.ClosedAfterMonths + Math.Clamp(after, 0, CaseSlot.ClosedAfterMonthsSlots - 1));
                }
            }
            if (CaseMeasures.Open.InDenominator(f, at))
            {
                Add(f.ReceivedAt, CaseSlot.OpenByAge + Durations.AgeBucketOf(at - f.ReceivedAt));
                foreach (var days in Durations.AgeDays) Later(f.ReceivedAt.AddDays(days));
                Later(f.NextDueAt);
            }
            if (CaseMeasures.Acknowledged.InDenominator(f, at)) Add(f.ReceivedAt, CaseSlot.AcknowledgeHours + Durations.HourBucketOf(f.AcknowledgedAt!.Value - f.ReceivedAt));
            if (CaseMeasures.ClosedOfReceived.InDenominator(f, at)) Add(f.ReceivedAt, CaseSlot.CloseHours + Durations.HourBucketOf(f.ClosedAt!.Value - f.ReceivedAt));
            Later(f.FeedbackDueAt);
            Later(f.ResponseDueAt);
            Later(f.Deadline);
        }

        var categoryOf = cases.ToDictionary(f => f.Id, f => Dim.Of(f.Category));
        var callbackCells = new Dictionary<(int, DateOnly, int, int, int), CallbackCell>();
        foreach (var b in callbacks)
        {
            void Add(DateTimeOffset? placed, int slot)
            {
                if (placed is not { } p) return;
                var month = MonthOf(p);
                var category = categoryOf.GetValueOrDefault(b.CaseId, Dim.None);
                foreach (var key in new[]
                         {
                             (estateId, month, category, Dim.Of(b.HandledByDepartmentId), Dim.Of(b.HandledByStaffId)),
                             (estateId, month, category, Dim.All, Dim.All),
                             (estateId, month, Dim.All, Dim.All, Dim.All),
                         })
                {
                    if (!callbackCells.TryGetValue(key, out var cell))
                        callbackCells[key] = cell = new CallbackCell { EstateId = estateId, Month = month, Category = key.Item3, DepartmentId = key.Item4, StaffId = key.Item5 };
                    cell.Counts[slot]++;
                }
            }
            void AddMeasure(Measure<CallbackFacts> m, int denominatorSlot, int numeratorSlot)
            {
                if (!m.InDenominator(b, at)) return;
                Add(m.Place(b), denominatorSlot);
                if (numeratorSlot >= 0 && m.InNumerator(b, at)) Add(m.Place(b), numeratorSlot);
            }
            AddMeasure(CallbackMeasures.Rate, CallbackSlot.RateDue, CallbackSlot.RateOnTime);
            AddMeasure(CallbackMeasures.Done, CallbackSlot.Done, -1);
            AddMeasure(CallbackMeasures.Satisfaction, CallbackSlot.Rated, CallbackSlot.Satisfied);
            AddMeasure(CallbackMeasures.Failed, CallbackSlot.Failed, -1);
            AddMeasure(CallbackMeasures.Attitude, CallbackSlot.AttitudeRated, CallbackSlot.AttitudeSatisfied);
            Later(b.DueUntil);
        }
        return new Result([.. caseCells.Values], [.. callbackCells.Values], next);
    }
}
