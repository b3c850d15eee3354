using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Plans;

/// <summary>
/// Builds the plan from a result and the tracks the person chose. Personal healing is always part of it.
/// With danger signs, safety planning is added and put first. With danger or coercive control, steps done
/// jointly with the other person, and anything marked as held back while abuse continues, are left out: the
/// product does not suggest joint work while abuse continues. Whatever depends on a step that is left out
/// (for any reason) is left out with it, so nothing that remains points at a step the person cannot see.
/// </summary>
public static class PlanBuilder
{
    // Calm order when there is no danger: the person's own healing first.
    private static readonly string[] CalmOrder =
    [
        TrackIds.PersonalHealing, TrackIds.SelfNurturing, TrackIds.RelationalRepair, TrackIds.SafetyPlanning,
        TrackIds.NoContact, TrackIds.LeavingSafely, TrackIds.AfterLeaving,
    ];

    // With any safety concern, the safety plan leads and leaving-related tracks follow it.
    private static readonly string[] SafetyOrder =
    [
        TrackIds.SafetyPlanning, TrackIds.LeavingSafely, TrackIds.NoContact, TrackIds.PersonalHealing,
        TrackIds.SelfNurturing, TrackIds.AfterLeaving, TrackIds.RelationalRepair,
    ];

    private static readonly Horizon[] Horizons = [Horizon.Weeks, Horizon.Months, Horizon.Years];

    public static Plan Build(AssessmentResult result, IEnumerable<string> chosenTrackIds)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(chosenTrackIds);
        var catalog = result.Signals.Catalog;
        var signals = result.Signals;
        var danger = result.Safety.IsDanger;
        var abuse = result.Safety.AbuseOngoing;

        var chosen = new HashSet<string>(TrackIds.All.Count, StringComparer.Ordinal) { TrackIds.PersonalHealing };
        var problems = new List<string>();
        foreach (var id in chosenTrackIds)
        {
            if (catalog.TryGetTrack(id, out _))
            {
                chosen.Add(id);
            }
            else
            {
                problems.Add(catalog.Message(MessageIds.PlanUnknownTrack, id));
            }
        }

        var addedForSafety = danger && chosen.Add(TrackIds.SafetyPlanning);
        var order = chosen.Contains(TrackIds.SafetyPlanning) && result.Safety.Level > SafetyLevel.None ? SafetyOrder : CalmOrder;

        var intro = new List<string>(3) { catalog.Message(MessageIds.PlanYouDecide) };
        if (danger)
        {
            intro.Insert(0, catalog.Message(MessageIds.PlanSafetyFirst));
        }

        var included = new bool[catalog.Steps.Count]; // a step shared by tracks appears once, in the first
        var sections = new List<PlanSection>(chosen.Count);
        foreach (var trackId in order)
        {
            if (!chosen.Contains(trackId))
            {
                continue;
            }

            var offer = FindOffer(result, trackId);
            var notes = new List<string>(2);
            var holdBackJoint = result.Safety.AbuseOngoing && trackId == TrackIds.RelationalRepair;
            if (holdBackJoint)
            {
                notes.Add(catalog.Message(danger ? MessageIds.PlanRepairHeldBack : MessageIds.PlanRepairHeldBackControl));
            }

            if (trackId == TrackIds.LeavingSafely || trackId == TrackIds.NoContact)
            {
                notes.Add(catalog.Message(MessageIds.PlanLeavingIsSafetyPlan));
            }

            var isAddedForSafety = addedForSafety && trackId == TrackIds.SafetyPlanning;
            if (isAddedForSafety)
            {
                notes.Add(catalog.Message(MessageIds.PlanSafetyAdded));
            }

            var trackSteps = catalog.TrackSteps[trackId];
            var steps = new List<PlanStep>(trackSteps.Length);
            foreach (var ts in trackSteps)
            {
                var step = (StepDefinition)ts.Target;
                if (!signals.Matches(ts) || (abuse && (step.Joint || step.HeldBackWhileAbuse)) || included[ts.Ordinal] || !AllIncluded(ts.DependsOn, included))
                {
                    continue;
                }

                included[ts.Ordinal] = true;
                steps.Add(new PlanStep(step, (IReadOnlyList<string>?)Adaptations(catalog, signals, step) ?? []));
            }

            sections.Add(new PlanSection(offer, steps, notes, isAddedForSafety));
        }

        var timeline = new List<TimelineMarker>();
        foreach (var horizon in Horizons)
        {
            foreach (var marker in catalog.Plans.Timeline)
            {
                if (marker.Horizon == horizon && AnyChosen(marker.Tracks, chosen) && Fits(catalog.TimelineConditions[marker.Id], marker.HeldBackWhileAbuse))
                {
                    timeline.Add(marker);
                }
            }
        }

        var pitfalls = new List<Pitfall>();
        foreach (var pitfall in catalog.Plans.Pitfalls)
        {
            if (AnyChosen(pitfall.Tracks, chosen) && Fits(catalog.PitfallConditions[pitfall.Id], pitfall.HeldBackWhileAbuse))
            {
                pitfalls.Add(pitfall);
            }
        }

        return new Plan(catalog.ContentVersion, result.Safety.Level, danger, intro, sections, timeline, pitfalls, problems);

        bool Fits(in CompiledCondition condition, bool heldBackWhileAbuse) =>
            signals.Matches(condition) && !(abuse && heldBackWhileAbuse) && AllIncluded(condition.DependsOn, included);
    }

    private static bool AllIncluded(int[] stepOrdinals, bool[] included)
    {
        foreach (var o in stepOrdinals)
        {
            if (o < 0 || !included[o])
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyChosen(IReadOnlyList<string> trackIds, HashSet<string> chosen)
    {
        foreach (var id in trackIds)
        {
            if (chosen.Contains(id))
            {
                return true;
            }
        }

        return false;
    }

    private static TrackOffer FindOffer(AssessmentResult result, string trackId)
    {
        foreach (var offer in result.Tracks)
        {
            if (offer.Track.Id == trackId)
            {
                return offer;
            }
        }

        throw new ArgumentException($"The result has no offer for track '{trackId}'.", nameof(result));
    }

    private static List<string>? Adaptations(ContentCatalog catalog, SignalSet signals, StepDefinition step)
    {
        var conditions = catalog.Adaptations[step.Id];
        List<string>? texts = null;
        foreach (var c in conditions)
        {
            if (signals.Matches(c))
            {
                (texts ??= []).Add(((Adaptation)c.Target).Text);
            }
        }

        return texts;
    }
}
