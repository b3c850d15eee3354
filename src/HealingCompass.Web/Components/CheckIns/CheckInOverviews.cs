using HealingCompass.Data.Assessments;
using HealingCompass.Data.CheckIns;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;

namespace HealingCompass.Web.Components.CheckIns;

/// <summary>Everything the plan, check-in and progress pages show, read once per request.</summary>
public sealed record CheckInOverview(
    KeptPlan Plan,
    CheckInSchedule Schedule,
    IReadOnlyList<StoredCheckIn> CheckIns,
    IReadOnlyList<TrendWeek> Trend,
    DueCheckIn? Due,
    SafetyOffer SafetyOffer,
    IReadOnlyList<WordingOffer> WordingOffers,
    bool RetakeOffered,
    DateOnly CurrentWeek)
{
    public StoredCheckIn? Latest => CheckIns.Count == 0 ? null : CheckIns[^1];

    /// <summary>The WHO-5 score last taken before <paramref name="week"/>, for "changed by 10 points".</summary>
    public int? Who5Before(DateOnly week) => CheckIns.LastOrDefault(c => c.Week < week && c.Answers.Who5Percent is not null)?.Answers.Who5Percent;

    public bool Who5OfferedFor(DateOnly week) =>
        Who5Score.IsOffered(week, CheckIns.LastOrDefault(c => c.Week < week && c.Answers.Who5 is not null)?.Week);
}

/// <summary>Reads a person's kept plan with its check-ins, and works out what is due and whether to offer the safety check again.</summary>
public sealed class CheckInOverviews(
    PlanStore plans,
    CheckInStore checkIns,
    SavedAssessmentStore assessments,
    IJournalSignal journal,
    ContentCatalog catalog,
    CheckInClock clock)
{
    /// <summary>A retake is offered this long after the last completed assessment (never required).</summary>
    public static readonly TimeSpan RetakeAfter = TimeSpan.FromDays(30);

    public async Task<CheckInOverview?> LoadAsync(string userId, DataKey key, CancellationToken cancellationToken = default)
    {
        var plan = await plans.LoadAsync(userId, key, cancellationToken);
        if (plan is null)
        {
            return null;
        }
        var stored = await checkIns.LoadAllAsync(userId, key, cancellationToken);
        var trend = ProgressTrend.Build(stored.Select(c => new CheckInWeek(c.Week, c.Answers, c.WasLate)));
        var history = await assessments.LoadHistoryAsync(userId, key, cancellationToken);
        var lastAssessed = history.Count > 0 ? history[^1].CompletedUtc : plan.CreatedUtc;
        var retake = clock.Now.UtcDateTime - lastAssessed >= RetakeAfter;
        return await OverviewAsync(userId, key, plan, stored, trend, retake, PlanCommitments.WordingOffers(plan.Commitments, catalog), cancellationToken);
    }

    /// <summary>
    /// What the check-in page needs, without reading every week: the kept plan, the last few check-ins (enough
    /// for the loop back to safety, the WHO-5's two weeks and what is due) and the one for <paramref name="week"/>.
    /// The trend, the history and wording offers are left empty; the plan and progress pages read those.
    /// </summary>
    public async Task<CheckInOverview?> LoadForCheckInAsync(string userId, DataKey key, DateOnly? week, CancellationToken cancellationToken = default)
    {
        var plan = await plans.LoadAsync(userId, key, cancellationToken);
        if (plan is null)
        {
            return null;
        }
        var recent = new List<StoredCheckIn>(await checkIns.LoadRecentAsync(userId, key, LoopToSafety.RecentWindow + 1, cancellationToken));
        if (week is { } w && recent.All(c => c.Week != w) && await checkIns.LoadWeekAsync(userId, key, w, cancellationToken) is { } old)
        {
            recent.Insert(0, old);
            recent.Sort((a, b) => a.Week.CompareTo(b.Week));
        }
        return await OverviewAsync(userId, key, plan, recent, trend: [], retake: false, wordingOffers: [], cancellationToken);
    }

    private async Task<CheckInOverview> OverviewAsync(string userId, DataKey key, KeptPlan plan, IReadOnlyList<StoredCheckIn> stored, IReadOnlyList<TrendWeek> trend, bool retake, IReadOnlyList<WordingOffer> wordingOffers, CancellationToken cancellationToken)
    {
        var schedule = CheckInStore.Schedule(plan.Settings);
        var now = clock.Now;
        var due = schedule.Due(now, stored.Select(c => c.Week).ToHashSet(), plan.Settings.KeptSince);
        var current = schedule.WeekOf(now);
        // The offer belongs to the latest check-in (or, with none, to this week); once shown and dismissed it stays away.
        var offerWeek = stored.Count > 0 ? stored[^1].Week : current;
        var handled = plan.Settings.SafetyOfferHandledWeek is { } h && h >= offerWeek;
        var rising = await journal.IsRisingAsync(userId, key, cancellationToken);
        var offer = LoopToSafety.Evaluate([.. stored.Select(c => c.Answers.FeltSafe)], rising, handled);
        return new CheckInOverview(plan, schedule, stored, trend, due, offer, wordingOffers, retake, current);
    }

    /// <summary>The person dismissed the safety offer (or took it up): it does not come back for the same check-in.</summary>
    public async Task DismissSafetyOfferAsync(string userId, DataKey key, CancellationToken cancellationToken = default)
    {
        var overview = await LoadAsync(userId, key, cancellationToken);
        if (overview is null)
        {
            return;
        }
        var week = overview.Latest?.Week ?? overview.CurrentWeek;
        await plans.UpdateSettingsAsync(userId, key, s => s with { SafetyOfferHandledWeek = week }, cancellationToken);
    }
}
