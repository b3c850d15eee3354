using HealingCompass.Domain.Assessment;

namespace HealingCompass.Domain.Plans;

/// <summary>What a new assessment result changes in a kept plan.</summary>
/// <param name="Plan">The plan rebuilt from the new result and the tracks the person chose.</param>
/// <param name="HeldBackStepIds">Saved plan commitments whose steps the new plan leaves out: pause them, never delete.</param>
/// <param name="RepairNoLongerRecommended">Relational repair was chosen and the new result advises against it.</param>
/// <param name="Why">Plain words for the person when something changed; empty otherwise.</param>
public sealed record PlanRecheckOutcome(Plan Plan, IReadOnlyList<string> HeldBackStepIds, bool RepairNoLongerRecommended, IReadOnlyList<string> Why);

/// <summary>
/// Re-checks a kept plan's gates against a new result. With danger or coercive control, steps done jointly and
/// anything held back while abuse continues leave the plan (the plan builder's own rule), so the commitments
/// made from them are paused, and the person is told why relational repair is no longer suggested.
/// </summary>
public static class PlanRecheck
{
    public const string RepairStops = "plan.recheck.repair_stops";
    public const string RepairStopsControl = "plan.recheck.repair_stops_control";

    public static PlanRecheckOutcome Run(AssessmentResult result, IReadOnlyList<string> chosenTrackIds, IEnumerable<string> savedStepIds, Func<string, string> message)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(chosenTrackIds);
        ArgumentNullException.ThrowIfNull(savedStepIds);
        ArgumentNullException.ThrowIfNull(message);
        var plan = PlanBuilder.Build(result, chosenTrackIds);
        var inPlan = plan.AllSteps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var heldBack = savedStepIds.Where(id => !inPlan.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        var repairChosen = chosenTrackIds.Contains(TrackIds.RelationalRepair, StringComparer.Ordinal);
        var notAdvised = repairChosen && result.Track(TrackIds.RelationalRepair).Status == TrackStatus.NotAdvised;
        var why = new List<string>(1);
        if (notAdvised)
        {
            why.Add(message(result.Safety.IsDanger ? RepairStops : RepairStopsControl));
        }
        return new PlanRecheckOutcome(plan, heldBack, notAdvised, why);
    }
}
