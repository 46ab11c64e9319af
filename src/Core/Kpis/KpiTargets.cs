namespace OwnerPortal.Core.Kpis;

/// <summary>The KPIs shown with a target on the dashboards (SPEC 6).</summary>
public enum Kpi { FeedbackTimeliness, ResponseWithinWorkingDay, CallbackRate, CallbackSatisfaction, ComplaintClosureRate, SurveySatisfaction }

public enum Rag { Green, Amber, Red, None }

/// <summary>
/// SPEC 6 targets and the traffic light beside each figure: green at or above the target, amber within
/// <see cref="AmberBand"/> percentage points below it, red further below; no colour when nothing was measured.
/// </summary>
public static class KpiTargets
{
    public const decimal AmberBand = 5m;

    /// <summary>The KPIs measured over cases and callbacks (the survey's comes from its rounds), in the dashboards' order.</summary>
    public static readonly Kpi[] CaseAndCallback = [Kpi.FeedbackTimeliness, Kpi.ResponseWithinWorkingDay, Kpi.CallbackRate, Kpi.CallbackSatisfaction, Kpi.ComplaintClosureRate];

    /// <summary>Target in percent. Survey targets are set per company (SPEC 6); 90% until there is a setting.</summary>
    public static decimal TargetOf(Kpi kpi) => kpi switch
    {
        Kpi.FeedbackTimeliness => 100m,
        Kpi.ResponseWithinWorkingDay => 100m,
        Kpi.CallbackRate => 100m,
        Kpi.CallbackSatisfaction => 98m,
        Kpi.ComplaintClosureRate => 80m,
        Kpi.SurveySatisfaction => 90m,
        _ => throw new ArgumentOutOfRangeException(nameof(kpi)),
    };

    public static Rag RagOf(decimal? percent, decimal target) =>
        percent is not { } p ? Rag.None : p >= target ? Rag.Green : p >= target - AmberBand ? Rag.Amber : Rag.Red;
}
