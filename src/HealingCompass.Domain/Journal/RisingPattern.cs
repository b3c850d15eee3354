namespace HealingCompass.Domain.Journal;

/// <summary>One entry as the rising-pattern rule sees it: the day it happened and its severity, if given.</summary>
public readonly record struct PatternEntry(DateOnly Day, int? Severity);

/// <summary>Entries in one four-week window and the highest severity among them (0 when none was given).</summary>
public readonly record struct PatternWindow(DateOnly From, DateOnly To, int Entries, int HighestSeverity);

/// <summary>What the rule found for one day.</summary>
/// <param name="IsRising">The last four weeks show more entries, or a higher severity, than the four before.</param>
/// <param name="Recent">The 28 days ending today.</param>
/// <param name="Earlier">The 28 days before those.</param>
/// <param name="ShouldOffer">Rising, and not yet offered during this rise.</param>
public sealed record RisingPatternResult(bool IsRising, bool ShouldOffer, PatternWindow Recent, PatternWindow Earlier);

/// <summary>
/// The rule behind the journal's gentle offer to retake the safety check. It compares the 28 days ending today
/// with the 28 days before them. A rise is a run of days on which that holds; the offer comes once per rise: after
/// it is shown (or dismissed), it comes again only once the condition has stopped holding for at least a day and
/// then holds again. Pure: the caller gives the entries, today, and the day the offer was last shown.
/// </summary>
public static class RisingPattern
{
    public const int WindowDays = 28;

    /// <param name="entries">The person's entries that still count (not removed or erased), any order.</param>
    /// <param name="today">The day to evaluate, in the person's calendar.</param>
    /// <param name="lastOfferedOn">When the offer was last shown or dismissed; null if never.</param>
    public static RisingPatternResult Evaluate(IEnumerable<PatternEntry> entries, DateOnly today, DateOnly? lastOfferedOn)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries as IReadOnlyCollection<PatternEntry> ?? [.. entries];
        var (rising, recent, earlier) = Condition(list, today);
        if (!rising)
        {
            return new RisingPatternResult(false, false, recent, earlier);
        }
        return new RisingPatternResult(true, !OfferedDuringThisRise(list, today, lastOfferedOn), recent, earlier);
    }

    /// <summary>The condition alone, for one day.</summary>
    public static bool IsRising(IEnumerable<PatternEntry> entries, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Condition(entries as IReadOnlyCollection<PatternEntry> ?? [.. entries], today).Rising;
    }

    // Offered during this rise when the offer's day is in the unbroken run of rising days that ends today.
    private static bool OfferedDuringThisRise(IReadOnlyCollection<PatternEntry> entries, DateOnly today, DateOnly? lastOfferedOn)
    {
        if (lastOfferedOn is not { } offered)
        {
            return false;
        }
        if (offered >= today)
        {
            return true;
        }
        for (var day = today.AddDays(-1); day >= offered; day = day.AddDays(-1))
        {
            if (!Condition(entries, day).Rising)
            {
                return false; // the rise the offer belonged to ended; this is a new one
            }
        }
        return true;
    }

    private static (bool Rising, PatternWindow Recent, PatternWindow Earlier) Condition(IReadOnlyCollection<PatternEntry> entries, DateOnly today)
    {
        var recent = Window(entries, today.AddDays(-(WindowDays - 1)), today);
        var earlier = Window(entries, today.AddDays(-(2 * WindowDays - 1)), today.AddDays(-WindowDays));
        var rising = recent.Entries > earlier.Entries || recent.HighestSeverity > earlier.HighestSeverity;
        return (rising, recent, earlier);
    }

    private static PatternWindow Window(IReadOnlyCollection<PatternEntry> entries, DateOnly from, DateOnly to)
    {
        var count = 0;
        var highest = 0;
        foreach (var entry in entries)
        {
            if (entry.Day >= from && entry.Day <= to)
            {
                count++;
                highest = Math.Max(highest, entry.Severity ?? 0);
            }
        }
        return new PatternWindow(from, to, count, highest);
    }
}
