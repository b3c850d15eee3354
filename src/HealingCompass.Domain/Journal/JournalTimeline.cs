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
}
