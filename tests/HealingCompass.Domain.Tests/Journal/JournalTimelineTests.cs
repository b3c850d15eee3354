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

    [Property(MaxTest = 200)]
    public void Entries_in_check_in_weeks_are_each_counted_once_in_the_week_that_holds_their_day(int seed)
    {
        var random = new Random(seed);
        // Weeks as the progress trend makes them: mostly seven days apart, sometimes a missed week, sometimes a
        // changed check-in day (three to eleven days apart).
        var weekEnds = new List<DateOnly> { Today.AddDays(-random.Next(0, 300)) };
        for (var i = random.Next(0, 20); i > 0; i--)
        {
            weekEnds.Add(weekEnds[^1].AddDays(random.Next(4) switch { 0 => 14, 1 => random.Next(3, 12), _ => 7 }));
        }
        var entries = Enumerable.Range(0, random.Next(80))
            .Select(_ => new PatternEntry(weekEnds[0].AddDays(random.Next(-20, (weekEnds[^1].DayNumber - weekEnds[0].DayNumber) + 20)), random.Next(6) == 0 ? null : random.Next(1, 6)))
            .ToList();

        var weeks = JournalTimeline.ForWeeks(entries, weekEnds);

        Assert.Equal(weekEnds, weeks.Select(w => w.To));
        Assert.Equal(weekEnds[0].AddDays(-6), weeks[0].From);
        for (var i = 0; i < weeks.Count; i++)
        {
            var from = i == 0 ? weekEnds[0].AddDays(-6) : weekEnds[i - 1].AddDays(1);
            for (var severity = 0; severity <= 5; severity++)
            {
                Assert.Equal(entries.Count(e => e.Day >= from && e.Day <= weekEnds[i] && (e.Severity ?? 0) == severity), weeks[i].BySeverity[severity]);
            }
        }
        Assert.Equal(entries.Count(e => e.Day >= weekEnds[0].AddDays(-6) && e.Day <= weekEnds[^1]), weeks.Sum(w => w.Total));
    }

    [Fact]
    public void A_check_in_week_with_no_entries_counts_zero_and_no_weeks_give_no_counts()
    {
        var weeks = JournalTimeline.ForWeeks([new PatternEntry(new DateOnly(2026, 6, 2), 3)], [new DateOnly(2026, 6, 7), new DateOnly(2026, 6, 14)]);

        Assert.Equal([1, 0], weeks.Select(w => w.Total));
        Assert.Equal(1, weeks[0].BySeverity[3]);
        Assert.Empty(JournalTimeline.ForWeeks([new PatternEntry(Today, 2)], []));
        Assert.Throws<ArgumentException>(() => JournalTimeline.ForWeeks([], [Today, Today]));
    }
}
