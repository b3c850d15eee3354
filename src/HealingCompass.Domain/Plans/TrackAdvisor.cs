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
        var alreadyApart = signals.Contains(SignalIds.StatusNoContact) || signals.Contains(SignalIds.WantAlreadyLeft);
        var separating = alreadyApart || signals.Contains(SignalIds.StatusLessContact);
        var wantsOut = alreadyApart || signals.Contains(SignalIds.WantLeave);
        var accountability = factors.First(f => f.Factor.Id == SignalIds.FactorAccountability);
        var willing = accountability.Score >= WillingnessFrom && accountability.Answered * 2 >= accountability.Total;

        var offers = new List<TrackOffer>(catalog.Tracks.Count);
        foreach (var track in catalog.Tracks)
        {
            offers.Add(track.Id switch
            {
                TrackIds.PersonalHealing => Offer(TrackStatus.Recommended, MessageIds.TrackPersonalAlways),
                TrackIds.SafetyPlanning => safety.Level switch
                {
                    >= SafetyLevel.High => Offer(TrackStatus.Recommended, MessageIds.TrackSafetyDanger),
                    SafetyLevel.Concern => Offer(TrackStatus.Recommended, MessageIds.TrackSafetyConcern),
                    _ => Offer(TrackStatus.Offered, MessageIds.TrackSafetyOffered),
                },
                TrackIds.RelationalRepair => danger ? Offer(TrackStatus.NotAdvised, MessageIds.TrackRepairNotAdvised)
                    : !willing ? Offer(TrackStatus.Offered, MessageIds.TrackRepairNeedsAccountability)
                    : wantsOut ? Offer(TrackStatus.Offered, MessageIds.TrackRepairPersonWantsOther)
                    : safety.Level == SafetyLevel.Concern ? Offer(TrackStatus.Recommended, MessageIds.TrackRepairRecommended, MessageIds.TrackRepairWithConcern)
                    : Offer(TrackStatus.Recommended, MessageIds.TrackRepairRecommended),
                TrackIds.LeavingSafely => Offer(TrackStatus.Offered, danger ? MessageIds.TrackLeavingDanger : MessageIds.TrackLeavingOffered),
                TrackIds.NoContact => Offer(TrackStatus.Offered, danger ? MessageIds.TrackNoContactDanger : MessageIds.TrackNoContactOffered),
                TrackIds.AfterLeaving => separating
                    ? Offer(TrackStatus.Recommended, MessageIds.TrackAfterLeavingRecommended)
                    : Offer(TrackStatus.Offered, MessageIds.TrackAfterLeavingOffered),
                TrackIds.SelfNurturing => signals.AnyWithPrefix(SignalIds.NeglectPrefix)
                    ? Offer(TrackStatus.Recommended, MessageIds.TrackNurtureRecommended)
                    : Offer(TrackStatus.Offered, MessageIds.TrackNurtureOffered),
                _ => Offer(TrackStatus.Offered),
            });

            TrackOffer Offer(TrackStatus status, params string[] reasonIds) =>
                new(track, status, Array.ConvertAll(reasonIds, id => catalog.Message(id)));
        }

        // Recommended first, not advised last; with danger, safety planning leads.
        return [.. offers
            .Select((o, i) => (Offer: o, Index: i))
            .OrderBy(x => danger && x.Offer.Track.Id == TrackIds.SafetyPlanning ? 0 : 1)
            .ThenBy(x => x.Offer.Status switch { TrackStatus.Recommended => 0, TrackStatus.Offered => 1, _ => 2 })
            .ThenBy(x => x.Index)
            .Select(x => x.Offer)];
    }

    /// <summary>The tracks a person starts with before choosing: the recommended ones.</summary>
    public static IReadOnlyList<string> DefaultChoice(AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Tracks.Where(t => t.Status == TrackStatus.Recommended).Select(t => t.Track.Id)];
    }
}
