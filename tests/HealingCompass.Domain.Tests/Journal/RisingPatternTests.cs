using FsCheck.Xunit;
using HealingCompass.Domain.Journal;

namespace HealingCompass.Domain.Tests.Journal;

public sealed class RisingPatternTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Property(MaxTest = 300)]
    public void It_rises_exactly_when_the_last_four_weeks_have_more_entries_or_a_higher_severity(int seed, byte dayOffset)
    {
        var entries = RandomEntries(seed);
        var today = Start.AddDays(30 + dayOffset);

        var recent = entries.Where(e => e.Day > today.AddDays(-28) && e.Day <= today).ToList();
        var earlier = entries.Where(e => e.Day > today.AddDays(-56) && e.Day <= today.AddDays(-28)).ToList();
        var expected = recent.Count > earlier.Count
            || recent.Select(e => e.Severity ?? 0).DefaultIfEmpty(0).Max() > earlier.Select(e => e.Severity ?? 0).DefaultIfEmpty(0).Max();

        var result = RisingPattern.Evaluate(entries, today, lastOfferedOn: null);
        Assert.Equal(expected, result.IsRising);
        Assert.Equal(expected, result.ShouldOffer); // never offered before: it offers whenever it rises
        Assert.Equal(recent.Count, result.Recent.Entries);
        Assert.Equal(earlier.Count, result.Earlier.Entries);
    }

    [Property(MaxTest = 200)]
    public void Day_by_day_it_offers_once_per_rise_and_only_where_a_rise_begins(int seed)
    {
        var entries = RandomEntries(seed);
        DateOnly? lastOffered = null;
        var offeredOn = new List<DateOnly>();
        var riseBegins = new List<DateOnly>();
        var wasRising = false;

        for (var today = Start; today <= Start.AddDays(240); today = today.AddDays(1))
        {
            var result = RisingPattern.Evaluate(entries, today, lastOffered);
            if (result.ShouldOffer)
            {
                offeredOn.Add(today);
                lastOffered = today; // shown (and perhaps dismissed): remembered as offered
            }
            if (result.IsRising && !wasRising)
            {
                riseBegins.Add(today);
            }
            wasRising = result.IsRising;
        }

        Assert.Equal(riseBegins, offeredOn);
    }

    [Property(MaxTest = 200)]
    public void An_offer_left_unseen_comes_the_next_day_while_the_rise_lasts(int seed, byte dayOffset)
    {
        var entries = RandomEntries(seed);
        var today = Start.AddDays(30 + dayOffset);
        var rising = RisingPattern.IsRising(entries, today) && RisingPattern.IsRising(entries, today.AddDays(1));
        if (!rising)
        {
            return;
        }
        // Offered "today" but the person never saw it (no record kept): tomorrow still offers.
        Assert.True(RisingPattern.Evaluate(entries, today.AddDays(1), lastOfferedOn: null).ShouldOffer);
        Assert.False(RisingPattern.Evaluate(entries, today.AddDays(1), lastOfferedOn: today).ShouldOffer);
    }

    [Fact]
    public void No_entries_never_rise()
    {
        Assert.False(RisingPattern.Evaluate([], Start, null).IsRising);
    }

    [Fact]
    public void A_harder_week_with_fewer_entries_still_counts_as_a_rise()
    {
        PatternEntry[] entries =
        [
            new(Start.AddDays(-40), 2), new(Start.AddDays(-35), 2), new(Start.AddDays(-30), 1),
            new(Start.AddDays(-3), 4),
        ];
        var result = RisingPattern.Evaluate(entries, Start, null);
        Assert.True(result.IsRising);
        Assert.Equal(4, result.Recent.HighestSeverity);
        Assert.Equal(2, result.Earlier.HighestSeverity);
    }

    [Fact]
    public void The_same_number_of_entries_at_the_same_severity_is_not_a_rise()
    {
        PatternEntry[] entries = [new(Start.AddDays(-40), 3), new(Start.AddDays(-3), 3)];
        Assert.False(RisingPattern.Evaluate(entries, Start, null).IsRising);
    }

    private static List<PatternEntry> RandomEntries(int seed)
    {
        var random = new Random(seed);
        var count = random.Next(0, 40);
        // Clustered, so rises begin and end within the simulated months.
        return [.. Enumerable.Range(0, count).Select(_ => new PatternEntry(
            Start.AddDays(random.Next(0, 8) * 30 + random.Next(0, 10)),
            random.Next(4) == 0 ? null : random.Next(1, 6)))];
    }
}
