using HealingCompass.Domain.CheckIns;

namespace HealingCompass.Domain.Tests.CheckIns;

public sealed class ProgressTrendTests
{
    private static readonly CheckInQuestions Questions = CheckInQuestions.Default;

    private static CheckInWeek Week(int y, int m, int d, int felt, int safe, int kept = 0, int listed = 0) =>
        new(new DateOnly(y, m, d), new CheckInAnswers { WeekFelt = felt, FeltSafe = safe, CommitmentsKept = [.. Enumerable.Range(0, kept).Select(i => $"c{i}")], CommitmentsListed = listed }, false);

    [Fact]
    public void Missed_weeks_are_gaps_not_zeros_and_averages_leave_them_out()
    {
        var weeks = ProgressTrend.Build([Week(2026, 11, 1, 2, 3), Week(2026, 11, 22, 4, 5), Week(2026, 11, 8, 3, 4)]);

        Assert.Equal(
            [new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 8), new DateOnly(2026, 11, 15), new DateOnly(2026, 11, 22)],
            weeks.Select(w => w.Week));
        var gap = Assert.Single(weeks, w => w.IsGap);
        Assert.Equal(new DateOnly(2026, 11, 15), gap.Week);
        Assert.Null(gap.FeltSafe);
        Assert.Equal(3.0, ProgressTrend.Average(weeks, w => w.WeekFelt));
        Assert.Equal(4.0, ProgressTrend.Average(weeks, w => w.FeltSafe));
    }

    [Theory]
    [InlineData(2026, 11, 4, 0)]  // Sunday to the Wednesday after: three days, the same run of weeks
    [InlineData(2026, 11, 11, 0)] // Sunday to the Wednesday a week later: ten days, the next week
    [InlineData(2026, 11, 18, 1)] // seventeen days: one week without a check-in between
    public void A_change_of_check_in_day_is_neither_a_gap_nor_a_double_week(int y, int m, int d, int gaps)
    {
        var weeks = ProgressTrend.Build([Week(2026, 11, 1, 3, 3), Week(y, m, d, 4, 4)]);
        Assert.Equal(gaps, weeks.Count(w => w.IsGap));
        Assert.Equal(2, weeks.Count(w => !w.IsGap));
    }

    [Fact]
    public void Progress_counts_what_was_done_and_never_speaks_of_streaks_or_misses()
    {
        Assert.Equal("You kept 3 of 4 commitments.", ProgressWording.Kept(3, 4, Questions));
        Assert.DoesNotContain("0 of", ProgressWording.Kept(0, 2, Questions), StringComparison.Ordinal);
        Assert.Equal("You've checked in 5 times so far.", ProgressWording.CheckInsDone(5, Questions));
        foreach (var text in Questions.Data.Messages.Values)
        {
            Assert.DoesNotContain("streak", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("missed", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("failed", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
