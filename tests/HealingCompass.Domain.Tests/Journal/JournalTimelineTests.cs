using FsCheck.Xunit;
using HealingCompass.Domain.Journal;

namespace HealingCompass.Domain.Tests.Journal;

public sealed class JournalTimelineTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    [Property(MaxTest = 200)]
    public void Every_entry_in_the_span_is_counted_once_in_its_week_and_severity(int seed, bool year)
    {
        var random = new Random(seed);
        var weeks = year ? 52 : 26;
        var entries = Enumerable.Range(0, random.Next(60)).Select(_ => new PatternEntry(Today.AddDays(-random.Next(0, 400)), random.Next(6) == 0 ? null : random.Next(1, 6))).ToList();

        var timeline = JournalTimeline.Weekly(entries, Today, weeks);

        Assert.Equal(weeks, timeline.Count);
        Assert.Equal(Today, timeline[^1].To);
        Assert.Equal(entries.Count(e => e.Day > Today.AddDays(-7 * weeks)), timeline.Sum(w => w.Total));
        foreach (var week in timeline)
        {
            for (var severity = 0; severity <= 5; severity++)
            {
                Assert.Equal(entries.Count(e => e.Day >= week.From && e.Day <= week.To && (e.Severity ?? 0) == severity), week.BySeverity[severity]);
            }
        }
    }
}
