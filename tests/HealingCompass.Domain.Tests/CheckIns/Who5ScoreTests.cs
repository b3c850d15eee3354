using FsCheck.Xunit;
using HealingCompass.Domain.CheckIns;

namespace HealingCompass.Domain.Tests.CheckIns;

public sealed class Who5ScoreTests
{
    private static readonly CheckInQuestions Questions = CheckInQuestions.Default;

    [Property(MaxTest = 500)]
    public void The_score_is_the_sum_of_five_items_times_four_from_0_to_100(byte a, byte b, byte c, byte d, byte e)
    {
        int[] items = [a % 6, b % 6, c % 6, d % 6, e % 6];
        var percent = Who5Score.Percent(items);
        Assert.Equal(items.Sum() * 4, percent);
        Assert.InRange(percent, 0, 100);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4 })]
    [InlineData(new[] { 1, 2, 3, 4, 6 })]
    [InlineData(new[] { -1, 2, 3, 4, 5 })]
    public void Off_scale_or_missing_items_are_not_valid(int[] items)
    {
        Assert.False(Who5Score.IsValid(items));
        Assert.Throws<ArgumentException>(() => Who5Score.Percent(items));
    }

    [Fact]
    public void A_change_of_ten_points_or_more_is_called_out_gently_and_less_is_not()
    {
        Assert.Null(Who5Score.Change(null, 40, Questions));
        Assert.Null(Who5Score.Change(40, 48, Questions));
        Assert.Contains("12 points higher", Who5Score.Change(40, 52, Questions), StringComparison.Ordinal);
        var down = Who5Score.Change(60, 48, Questions)!;
        Assert.Contains("12 points lower", down, StringComparison.Ordinal);
        Assert.Contains("gentle", down, StringComparison.Ordinal);
    }

    [Fact]
    public void A_low_score_suggests_talking_to_a_doctor_or_counsellor_without_a_label()
    {
        Assert.True(Who5Score.SuggestTalking(44));
        Assert.False(Who5Score.SuggestTalking(50));
        var sentence = Questions.Message("who5.low");
        Assert.Contains("doctor or counsellor", sentence, StringComparison.Ordinal);
        foreach (var label in new[] { "depress", "disorder", "poor", "diagnos" })
        {
            Assert.DoesNotContain(label, sentence, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void It_is_offered_the_first_time_and_then_every_two_weeks()
    {
        var week = new DateOnly(2026, 11, 29);
        Assert.True(Who5Score.IsOffered(week, null));
        Assert.False(Who5Score.IsOffered(week, week.AddDays(-7)));
        Assert.True(Who5Score.IsOffered(week, week.AddDays(-14)));
    }
}
