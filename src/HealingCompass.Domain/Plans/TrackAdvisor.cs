using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Safety;

namespace HealingCompass.Domain.Plans;

/// <summary>
/// Decides how each track is offered. The person chooses; this only says which tracks the answers point to
/// and why. Leaving and no contact are never "recommended": that choice, and its timing, is the person's.
/// </summary>
public static class TrackAdvisor
{
    /// <summary>Accountability at or above this, with at least half its items answered, counts as willingness shown.</summary>
    internal const int WillingnessFrom = 60;

    public static IReadOnlyList<TrackOffer> Advise(ContentCatalog catalog, SafetyAssessment safety, IReadOnlyList<FactorScore> factors, SignalSet signals)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(safety);
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(signals);

        var danger = safety.IsDanger;
        var alreadyApart = signals.AlreadyApart;
        var separating = alreadyApart || signals.Contains(SignalIds.StatusLessContact);
        var wantsOut = alreadyApart || signals.Contains(SignalIds.WantLeave);
        var accountability = Find(factors, SignalIds.FactorAccountability);
        var willing = accountability.Score >= WillingnessFrom && accountability.Answered * 2 >= accountability.Total;

        var offers = new TrackOffer[catalog.Tracks.Count];
        for (var i = 0; i < offers.Length; i++)
        {
            var track = catalog.Tracks[i];
            offers[i] = track.Id switch
            {
                TrackIds.PersonalHealing => Offer(catalog, track, TrackStatus.Recommended, MessageIds.TrackPersonalAlways),
                TrackIds.SafetyPlanning => safety.Level switch
                {
                    >= SafetyLevel.High => Offer(catalog, track, TrackStatus.Recommended, MessageIds.TrackSafetyDanger),
                    SafetyLevel.Concern => Offer(catalog, track, TrackStatus.Recommended, MessageIds.TrackSafetyConcern),
                    _ => Offer(catalog, track, TrackStatus.Offered, MessageIds.TrackSafetyOffered),
                },
                TrackIds.RelationalRepair => danger ? Offer(catalog, track, TrackStatus.NotAdvised, MessageIds.TrackRepairNotAdvised)
                    : safety.CoerciveControl ? Offer(catalog, track, TrackStatus.NotAdvised, MessageIds.TrackRepairNotAdvisedControl)
                    : !willing ? Offer(catalog, track, TrackStatus.Offered, MessageIds.TrackRepairNeedsAccountability)
                    : wantsOut ? Offer(catalog, track, TrackStatus.Offered, MessageIds.TrackRepairPersonWantsOther)
                    : safety.Level == SafetyLevel.Concern ? Offer(catalog, track, TrackStatus.Recommended, MessageIds.TrackRepairRecommended, MessageIds.TrackRepairWithConcern)
                    : Offer(catalog, track, TrackStatus.Recommended, MessageIds.TrackRepairRecommended),
                TrackIds.LeavingSafely => Offer(catalog, track, TrackStatus.Offered, danger ? MessageIds.TrackLeavingDanger : MessageIds.TrackLeavingOffered),
                TrackIds.NoContact => Offer(catalog, track, TrackStatus.Offered, danger ? MessageIds.TrackNoContactDanger : MessageIds.TrackNoContactOffered),
                TrackIds.AfterLeaving => separating
                    ? Offer(catalog, track, TrackStatus.Recommended, MessageIds.TrackAfterLeavingRecommended)
                    : Offer(catalog, track, TrackStatus.Offered, MessageIds.TrackAfterLeavingOffered),
                // Offered, never added for the person: a ticked line about unmet needs is not a label, and the choice is theirs.
                TrackIds.SelfNurturing => signals.AnyWithPrefix(SignalIds.NeglectPrefix)
                    ? Offer(catalog, track, TrackStatus.Offered, MessageIds.TrackNurtureNoticed)
                    : Offer(catalog, track, TrackStatus.Offered, MessageIds.TrackNurtureOffered),
                _ => new TrackOffer(track, TrackStatus.Offered, []),
            };
        }

        // Recommended first, not advised last, content order within each; with danger, safety planning leads.
        var ordered = new List<TrackOffer>(offers.Length);
        for (var rank = 0; rank <= 3; rank++)
        {
            foreach (var offer in offers)
            {
                if (Rank(offer, danger) == rank)
                {
                    ordered.Add(offer);
                }
            }
        }

        return ordered;
    }

    private static FactorScore Find(IReadOnlyList<FactorScore> factors, string factorId)
    {
        foreach (var f in factors)
        {
            if (f.Factor.Id == factorId)
            {
                return f;
            }
        }

        throw new ArgumentException($"No score for factor '{factorId}'.", nameof(factors));
    }

    private static int Rank(TrackOffer offer, bool danger) =>
        danger && offer.Track.Id == TrackIds.SafetyPlanning ? 0
        : offer.Status switch { TrackStatus.Recommended => 1, TrackStatus.Offered => 2, _ => 3 };

    private static TrackOffer Offer(ContentCatalog catalog, TrackDefinition track, TrackStatus status, string reasonId) =>
        new(track, status, [catalog.Message(reasonId)]);

    private static TrackOffer Offer(ContentCatalog catalog, TrackDefinition track, TrackStatus status, string reasonId, string secondReasonId) =>
        new(track, status, [catalog.Message(reasonId), catalog.Message(secondReasonId)]);

    /// <summary>The tracks a person starts with before choosing: the recommended ones.</summary>
    public static IReadOnlyList<string> DefaultChoice(AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Tracks.Where(t => t.Status == TrackStatus.Recommended).Select(t => t.Track.Id)];
    }
}
