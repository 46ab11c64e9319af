using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Kpis;

/// <summary>Every drill-down list counts exactly what the dashboard figure it opens counts, on the demo data.</summary>
public class KpiDrillDownDatabaseTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DrillNarrowing Hy = new(EstateId: 1);

    [Fact]
    public async Task Every_case_list_counts_what_its_kpi_figure_counts()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Anchor }).LoadAsync(cs);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        // A quarter, so the lists are long enough for the late ones to be non-empty.
        var p = new Period(Period.Month(new DateOnly(2026, 9, 1), Shanghai).From, Period.Month(new DateOnly(2026, 11, 1), Shanghai).Until);
        var at = Anchor;
        var hy = db.Cases.Where(c => c.EstateId == 1);
        Task<int> Kpi(Expression<Func<Case, bool>> e) => hy.CountAsync(e);
        Task<int> List(DrillMeasure m) => KpiDrillDown.Filter(db, m, p, at, Hy).CountAsync();
        async Task Late(DrillMeasure late, Expression<Func<Case, bool>> numerator, Expression<Func<Case, bool>> denominator)
        {
            var expected = await Kpi(denominator) - await Kpi(numerator);
            Assert.True(expected > 0, $"the demo quarter has cases for {late}");
            Assert.Equal(expected, await List(late));
        }

        Assert.Equal(await Kpi(CaseKpis.ReceivedIn(p)), await List(DrillMeasure.Received));
        Assert.Equal(await Kpi(CaseKpis.FeedbackDenominator(p, at)), await List(DrillMeasure.FeedbackMeasured));
        await Late(DrillMeasure.FeedbackLate, CaseKpis.FeedbackNumerator(p, at), CaseKpis.FeedbackDenominator(p, at));
        Assert.Equal(await Kpi(CaseKpis.ResponseDenominator(p, at)), await List(DrillMeasure.ResponseMeasured));
        await Late(DrillMeasure.ResponseLate, CaseKpis.ResponseNumerator(p, at), CaseKpis.ResponseDenominator(p, at));
        Assert.Equal(await Kpi(CaseKpis.HandlingDenominator(p, at)), await List(DrillMeasure.HandlingMeasured));
        await Late(DrillMeasure.HandlingLate, CaseKpis.HandlingNumerator(p, at), CaseKpis.HandlingDenominator(p, at));
        Assert.Equal(await Kpi(CaseKpis.VerificationDenominator(p)), await List(DrillMeasure.Verified));
        await Late(DrillMeasure.VerificationFailedFirst, CaseKpis.VerificationNumerator(p), CaseKpis.VerificationDenominator(p));
        Assert.Equal(await Kpi(CaseKpis.ClosureDenominator(p)), await List(DrillMeasure.Complaints));
        await Late(DrillMeasure.ComplaintsNotClosed, CaseKpis.ClosureNumerator(p, at), CaseKpis.ClosureDenominator(p));
        Assert.Equal(await Kpi(CaseKpis.FirstTimeFixDenominator(p)), await List(DrillMeasure.FirstTimeFixClosed));
        Assert.Equal(await Kpi(CaseKpis.FirstTimeFixDenominator(p)) - await Kpi(CaseKpis.FirstTimeFixNumerator(p)), await List(DrillMeasure.Reopened));
        Assert.Equal(await Kpi(CaseKpis.StillOpen(p)), await List(DrillMeasure.StillOpen));
        Assert.Equal(await Kpi(CaseKpis.Overdue(p, at)), await List(DrillMeasure.Overdue));
        Assert.Equal(await hy.CountAsync(c => !c.IsTest && c.Status != CaseStatus.Withdrawn && c.ReceivedAt >= p.From && c.ReceivedAt < p.Until && c.EscalatedAt != null),
            await List(DrillMeasure.Escalated));
        Assert.Equal(await hy.CountAsync(c => !c.IsTest && c.Status != CaseStatus.Withdrawn && c.ReceivedAt >= p.From && c.ReceivedAt < p.Until && c.IsMajor),
            await List(DrillMeasure.Major));

        // The same figures the dashboard measures in one go.
        var f = await CaseKpis.MeasureAsync(hy, p, at);
        Assert.Equal(f.Overdue, await List(DrillMeasure.Overdue));
        Assert.Equal(f.FeedbackTimeliness.Denominator - f.FeedbackTimeliness.Numerator, await List(DrillMeasure.FeedbackLate));
        // Narrowed by type and channel: the dashboard's received-by-type and by-channel counts.
        Assert.Equal(f.ReceivedByType[CaseType.RepairRequest],
            await KpiDrillDown.Filter(db, DrillMeasure.Received, p, at, Hy with { Type = CaseType.RepairRequest }).CountAsync());
        Assert.Equal(f.ReceivedByChannel[CaseChannel.Phone],
            await KpiDrillDown.Filter(db, DrillMeasure.Received, p, at, Hy with { Channel = CaseChannel.Phone }).CountAsync());
        // Without an estate the list spans the company, and the estate narrowing does narrow.
        Assert.True(await KpiDrillDown.Filter(db, DrillMeasure.Received, p, at).CountAsync() > f.Received);
    }

    [Fact]
    public async Task Every_callback_list_holds_the_cases_of_the_callbacks_its_figure_counts()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Anchor }).LoadAsync(cs);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var p = Period.Month(new DateOnly(2026, 11, 1), Shanghai);
        var hy = db.Callbacks.Where(b => b.EstateId == 1);
        Task<int> Cases(Expression<Func<Callback, bool>> e) => hy.Where(e).Select(b => b.CaseId).Distinct().CountAsync();
        Task<int> List(DrillMeasure m) => KpiDrillDown.Filter(db, m, p, Anchor, Hy).CountAsync();

        Assert.Equal(await Cases(CallbackKpis.RateDenominator(p, Anchor)), await List(DrillMeasure.CallbackDue));
        Assert.Equal(await Cases(CallbackKpis.Failed(p)), await List(DrillMeasure.CallbacksFailed));
        var figures = await CallbackKpis.MeasureAsync(hy, p, Anchor);
        // One callback round per case in a month on the demo data, so the case lists count the callback figures.
        Assert.Equal(figures.CallbackRate.Denominator - figures.CallbackRate.Numerator, await List(DrillMeasure.CallbackMissed));
        Assert.Equal(figures.Satisfaction.Denominator - figures.Satisfaction.Numerator, await List(DrillMeasure.CallbacksUnsatisfied));
        Assert.Equal(figures.Failed, await List(DrillMeasure.CallbacksFailed));
        Assert.True(figures.Satisfaction.Denominator > figures.Satisfaction.Numerator, "the demo month has unsatisfied callbacks");
    }

    [Fact]
    public void A_late_list_is_one_predicate_the_denominator_and_not_the_numerator()
    {
        using var db = new OwnerPortalDbContext(TestDatabase.Options("Host=unused"));
        var p = Period.Month(new DateOnly(2026, 10, 1), Shanghai);
        var sql = KpiDrillDown.Filter(db, DrillMeasure.FeedbackLate, p, Anchor).ToQueryString();
        // EF pushes the NOT inwards; a case never acknowledged is late too.
        Assert.Contains("c.acknowledged_at IS NULL OR c.acknowledged_at > c.feedback_due_at", sql);
        Assert.DoesNotContain(" IN (", sql); // one pass over the cases table, no subquery
        var callbacks = KpiDrillDown.Filter(db, DrillMeasure.CallbackMissed, p, Anchor).ToQueryString();
        Assert.Contains("FROM callbacks", callbacks);
    }
}
