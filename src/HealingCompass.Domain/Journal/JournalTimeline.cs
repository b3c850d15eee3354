namespace HealingCompass.Domain.Journal;

/// <summary>One week of the timeline: how many entries at each severity (index 0: none given; 1–5).</summary>
public sealed record TimelineWeek(DateOnly From, DateOnly To, IReadOnlyList<int> BySeverity)
{
    public int Total => BySeverity.Sum();
}

/// <summary>Entries per week by severity, for the timeline chart and its table. Pure.</summary>
public static class JournalTimeline
{
    /// <summary>The <paramref name="weeks"/> weeks ending on <paramref name="today"/>, oldest first.</summary>
    public static IReadOnlyList<TimelineWeek> Weekly(IEnumerable<PatternEntry> entries, DateOnly today, int weeks)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        var first = today.AddDays(-(7 * weeks) + 1);
        var counts = new int[weeks, SeverityScale.Highest + 1];
        foreach (var entry in entries)
        {
            if (entry.Day < first || entry.Day > today)
            {
                continue;
            }
            var week = (entry.Day.DayNumber - first.DayNumber) / 7;
            var severity = entry.Severity is { } s && SeverityScale.IsValid(s) ? s : 0;
            counts[week, severity]++;
        }
        return [.. Enumerable.Range(0, weeks).Select(w => new TimelineWeek(
            first.AddDays(7 * w),
            first.AddDays(7 * w + 6),
            [.. Enumerable.Range(0, SeverityScale.Highest + 1).Select(s => counts[w, s])]))];
    }

    /// <summary>
    /// Entries counted into given weeks, such as the check-in weeks on the progress page (each named by its last
    /// day, oldest first). A week runs from the day after the week before it up to its own day, and the first from
    /// the six days before it, so when the person changes their check-in day no entry is counted twice or dropped
    /// between two weeks. Entries before the first week or after the last are left out.
    /// </summary>
    public static IReadOnlyList<TimelineWeek> ForWeeks(IEnumerable<PatternEntry> entries, IReadOnlyList<DateOnly> weekEnds)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(weekEnds);
        for (var i = 1; i < weekEnds.Count; i++)
        {
            if (weekEnds[i] <= weekEnds[i - 1])
            {
                throw new ArgumentException("Weeks must be in order, oldest first, each once.", nameof(weekEnds));
            }
        }
        var counts = new int[weekEnds.Count, SeverityScale.Highest + 1];
        if (weekEnds.Count > 0)
        {
            var first = weekEnds[0].AddDays(-6);
            foreach (var entry in entries)
            {
                if (entry.Day < first || entry.Day > weekEnds[^1])
                {
                    continue;
                }
                var week = FirstOnOrAfter(weekEnds, entry.Day);
                var severity = entry.Severity is { } s && SeverityScale.IsValid(s) ? s : 0;
                counts[week, severity]++;
            }
        }
        return [.. Enumerable.Range(0, weekEnds.Count).Select(w => new TimelineWeek(
            w == 0 ? weekEnds[0].AddDays(-6) : weekEnds[w - 1].AddDays(1),
            weekEnds[w],
            [.. Enumerable.Range(0, SeverityScale.Highest + 1).Select(s => counts[w, s])]))];
    }

    // The index of the first week ending on or after the day (the caller has checked one does).
    private static int FirstOnOrAfter(IReadOnlyList<DateOnly> weekEnds, DateOnly day)
    {
        int low = 0, high = weekEnds.Count - 1;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (weekEnds[mid] < day)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
