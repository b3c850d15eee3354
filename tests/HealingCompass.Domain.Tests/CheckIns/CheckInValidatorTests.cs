using HealingCompass.Domain.CheckIns;

namespace HealingCompass.Domain.Tests.CheckIns;

public sealed class CheckInValidatorTests
{
    private static readonly CheckInQuestions Questions = CheckInQuestions.Default;
    private static readonly HashSet<string> Mine = ["c1", "c2"];
    private static readonly HashSet<string> MyBoundaries = ["b1"];

    private static CheckInAnswers Valid => new() { WeekFelt = 3, FeltSafe = 4, CommitmentsKept = ["c1"], CommitmentsListed = 2, BoundariesHeld = ["b1"], BoundariesListed = 1 };

    private static IReadOnlyList<CheckInProblem> Check(CheckInAnswers a, WeekTiming timing = WeekTiming.Current) =>
        CheckInValidator.Validate(a, Questions, Mine, MyBoundaries, timing);

    [Fact]
    public void A_complete_check_in_for_this_week_or_a_past_one_has_no_problems()
    {
        Assert.Empty(Check(Valid));
        Assert.Empty(Check(Valid, WeekTiming.Past));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(3, -1)]
    [InlineData(3, 99)]
    public void Values_off_the_scale_are_refused_kindly(int weekFelt, int feltSafe)
    {
        var problem = Assert.Single(Check(Valid with { WeekFelt = weekFelt, FeltSafe = feltSafe }));
        Assert.Equal("Please choose one of the answers shown.", problem.Message);
    }

    [Fact]
    public void A_week_that_has_not_started_is_refused()
    {
        Assert.Equal("week", Assert.Single(Check(Valid, WeekTiming.Future)).Field);
    }

    [Fact]
    public void A_note_over_the_limit_is_refused_and_says_the_limit_and_that_the_text_is_still_there()
    {
        var problem = Assert.Single(Check(Valid with { Note = new string('a', Questions.NoteMaxLength + 1) }));
        Assert.Contains(Questions.NoteMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message, StringComparison.Ordinal);
        Assert.Contains("still here", problem.Message, StringComparison.Ordinal);
        Assert.Empty(Check(Valid with { Note = new string('a', Questions.NoteMaxLength) }));
    }

    [Fact]
    public void A_commitment_or_boundary_that_is_not_the_persons_own_is_refused()
    {
        Assert.Equal(CheckInQuestions.CommitmentsKept, Assert.Single(Check(Valid with { CommitmentsKept = ["someone-elses"] })).Field);
        Assert.Equal(CheckInQuestions.BoundariesHeld, Assert.Single(Check(Valid with { BoundariesHeld = ["c1"] })).Field);
        Assert.Single(Check(Valid with { CommitmentsKept = ["c1", "c1"] }));
    }

    [Fact]
    public void A_who5_with_a_missing_or_off_scale_item_is_refused()
    {
        Assert.Single(Check(Valid with { Who5 = [1, 2, 3, 4] }));
        Assert.Single(Check(Valid with { Who5 = [1, 2, 3, 4, 9] }));
        Assert.Empty(Check(Valid with { Who5 = [0, 1, 2, 3, 5] }));
    }
}
