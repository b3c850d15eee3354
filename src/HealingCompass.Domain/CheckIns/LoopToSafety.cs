namespace HealingCompass.Domain.CheckIns;

/// <summary>Why the safety offer is made; several can hold at once.</summary>
[Flags]
public enum SafetyOfferReasons
{
    None = 0,

    /// <summary>The last two check-ins both had feeling-safe at <see cref="LoopToSafety.LowFrom"/> or below.</summary>
    LowTwiceInARow = 1,

    /// <summary>The last check-in's feeling-safe is <see cref="LoopToSafety.FallOf"/> or more below the person's own recent average.</summary>
    FellFromOwnAverage = 2,

    /// <summary>The journal's rising-pattern rule says so (passed in; the journal owns that rule).</summary>
    JournalRising = 4,
}

/// <summary>Whether to offer, once and kindly, to retake the safety check and show support contacts.</summary>
public sealed record SafetyOffer(SafetyOfferReasons Reasons)
{
    public bool IsOffered => Reasons != SafetyOfferReasons.None;
}

/// <summary>
/// The loop back to safety. A pure rule over the person's own feeling-safe answers (1–5, oldest first, one per
/// check-in, missed weeks simply absent) and the journal's signal. It is shown once for the check-in that set it
/// off: after it was shown or dismissed, the same situation does not bring it back until a new check-in does.
/// </summary>
public static class LoopToSafety
{
    /// <summary>Feeling-safe at or below this counts as low.</summary>
    public const int LowFrom = 2;

    /// <summary>A fall of this many points below the recent average counts.</summary>
    public const int FallOf = 2;

    /// <summary>How many check-ins before the last make up "recent".</summary>
    public const int RecentWindow = 4;

    /// <summary>An average needs at least this many earlier check-ins; with fewer, only the other conditions apply.</summary>
    public const int AverageNeeds = 2;

    public static SafetyOffer Evaluate(IReadOnlyList<int> feltSafeOldestFirst, bool journalRising, bool alreadyOfferedForLatest)
    {
        ArgumentNullException.ThrowIfNull(feltSafeOldestFirst);
        if (alreadyOfferedForLatest)
        {
            return new SafetyOffer(SafetyOfferReasons.None);
        }
        var reasons = SafetyOfferReasons.None;
        var n = feltSafeOldestFirst.Count;
        if (n >= 2 && feltSafeOldestFirst[n - 1] <= LowFrom && feltSafeOldestFirst[n - 2] <= LowFrom)
        {
            reasons |= SafetyOfferReasons.LowTwiceInARow;
        }
        var earlier = Math.Min(RecentWindow, n - 1);
        if (earlier >= AverageNeeds)
        {
            var sum = 0;
            for (var i = n - 1 - earlier; i < n - 1; i++)
            {
                sum += feltSafeOldestFirst[i];
            }
            // latest <= average - fall, in whole numbers: latest * count <= sum - fall * count.
            if (feltSafeOldestFirst[n - 1] * earlier <= sum - (FallOf * earlier))
            {
                reasons |= SafetyOfferReasons.FellFromOwnAverage;
            }
        }
        if (journalRising)
        {
            reasons |= SafetyOfferReasons.JournalRising;
        }
        return new SafetyOffer(reasons);
    }

    /// <summary>The sentences that say why, in plain words, for the offer's card.</summary>
    public static IReadOnlyList<string> Explain(SafetyOffer offer, CheckInQuestions questions)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(questions);
        var lines = new List<string>(3);
        if (offer.Reasons.HasFlag(SafetyOfferReasons.LowTwiceInARow))
        {
            lines.Add(questions.Message("safety.offer.low_twice"));
        }
        if (offer.Reasons.HasFlag(SafetyOfferReasons.FellFromOwnAverage))
        {
            lines.Add(questions.Message("safety.offer.fell"));
        }
        if (offer.Reasons.HasFlag(SafetyOfferReasons.JournalRising))
        {
            lines.Add(questions.Message("safety.offer.journal"));
        }
        return lines;
    }
}
