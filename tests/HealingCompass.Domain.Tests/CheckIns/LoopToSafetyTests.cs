using FsCheck.Xunit;
using HealingCompass.Domain.CheckIns;

namespace HealingCompass.Domain.Tests.CheckIns;

public sealed class LoopToSafetyTests
{
    private static int[] Scale(int[] raw) => [.. raw.Select(x => (int)((uint)x % 5) + 1)];

    // The rule restated in the words, written independently of the implementation.
    private static bool Oracle(int[] feltSafe, bool journalRising)
    {
        var lowTwice = feltSafe.Length >= 2 && feltSafe[^1] <= 2 && feltSafe[^2] <= 2;
        var recent = feltSafe.SkipLast(1).TakeLast(4).ToArray();
        var fell = recent.Length >= 2 && feltSafe[^1] <= recent.Average() - 2;
        return lowTwice || fell || journalRising;
    }

    [Property(MaxTest = 5000)]
    public void The_offer_is_made_exactly_when_its_condition_holds_and_it_has_not_been_made_for_this_check_in(int[] raw, bool journalRising, bool alreadyOffered)
    {
        var feltSafe = Scale(raw ?? []);
        var offer = LoopToSafety.Evaluate(feltSafe, journalRising, alreadyOffered);
        Assert.Equal(!alreadyOffered && Oracle(feltSafe, journalRising), offer.IsOffered);
    }

    [Property(MaxTest = 2000)]
    public void Each_reason_is_named_exactly_when_it_holds(int[] raw, bool journalRising)
    {
        var feltSafe = Scale(raw ?? []);
        var offer = LoopToSafety.Evaluate(feltSafe, journalRising, alreadyOfferedForLatest: false);
        Assert.Equal(journalRising, offer.Reasons.HasFlag(SafetyOfferReasons.JournalRising));
        Assert.Equal(feltSafe.Length >= 2 && feltSafe[^1] <= 2 && feltSafe[^2] <= 2, offer.Reasons.HasFlag(SafetyOfferReasons.LowTwiceInARow));
        Assert.Equal(LoopToSafety.Explain(offer, CheckInQuestions.Default).Count, BitCount(offer.Reasons));
    }

    private static int BitCount(SafetyOfferReasons r) => System.Numerics.BitOperations.PopCount((uint)r);

    [Theory]
    [InlineData(new[] { 2, 2 }, true)]
    [InlineData(new[] { 1, 2 }, true)]
    [InlineData(new[] { 3, 2 }, false)] // one low week is not two in a row
    [InlineData(new[] { 2, 4, 2 }, false)] // low, then fine, then low: not in a row, and 2 is not 2 below an average of 3
    [InlineData(new[] { 5, 5, 5, 3 }, true)] // a fall of 2 from the person's own average
    [InlineData(new[] { 5, 4, 5, 3 }, false)] // 3 is less than 2 below 4.67
    [InlineData(new[] { 5, 3 }, false)] // one earlier check-in is not an average
    [InlineData(new[] { 1, 1, 5, 5, 5, 5, 3 }, true)] // only the last four before count as recent
    [InlineData(new[] { 1 }, false)]
    [InlineData(new int[0], false)]
    public void Examples_from_the_rule(int[] feltSafe, bool offered) =>
        Assert.Equal(offered, LoopToSafety.Evaluate(feltSafe, journalRising: false, alreadyOfferedForLatest: false).IsOffered);

    [Fact]
    public void The_journals_signal_alone_is_enough_even_with_no_check_ins()
    {
        var offer = LoopToSafety.Evaluate([], journalRising: true, alreadyOfferedForLatest: false);
        Assert.Equal(SafetyOfferReasons.JournalRising, offer.Reasons);
    }

    [Fact]
    public void Once_shown_or_dismissed_the_same_check_in_does_not_bring_it_back()
    {
        Assert.False(LoopToSafety.Evaluate([1, 1], journalRising: true, alreadyOfferedForLatest: true).IsOffered);
    }
}
