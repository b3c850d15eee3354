using HealingCompass.Domain.Assessment;

namespace HealingCompass.Domain.Tests.Assessment;

public sealed class AnswerSetTests
{
    [Fact]
    public void A_bad_answer_is_refused_with_a_message_and_the_previous_answer_is_kept()
    {
        var answers = new AnswerSet().Set("factor.safety.feel_safe", 3);
        var problem = answers.TrySet("factor.safety.feel_safe", AnswerValue.Scale(12));
        Assert.Equal(AnswerProblemKind.OutOfRange, problem?.Kind);
        Assert.Contains("0", problem!.Message, StringComparison.Ordinal);
        Assert.Equal(3, answers["factor.safety.feel_safe"]!.Value.Number);
    }

    [Fact]
    public void An_answer_of_the_wrong_kind_is_refused()
    {
        var problem = new AnswerSet().TrySet("safety.choking", AnswerValue.Scale(1));
        Assert.Equal(AnswerProblemKind.WrongType, problem?.Kind);
    }

    [Fact]
    public void Clearing_a_multi_or_text_answer_leaves_the_question_unanswered()
    {
        var answers = new AnswerSet()
            .Set("barriers.present", AnswerValue.Multi("barrier.housing"))
            .Set("reflection.notes", AnswerValue.FreeText("a note"));
        answers.Set("barriers.present", AnswerValue.Multi()).Set("reflection.notes", AnswerValue.FreeText("   "));
        Assert.True(answers.IsEmpty);
    }

    [Fact]
    public void I_would_rather_not_say_counts_as_an_answer_to_a_required_safety_question()
    {
        var answers = new AnswerSet().Set("safety.fear_now", "skip");
        Assert.DoesNotContain(answers.MissingRequired(), q => q.Id == "safety.fear_now");
        Assert.Contains(answers.MissingRequired(), q => q.Id == "safety.choking");
    }

    [Fact]
    public void Free_text_never_appears_in_the_printable_form_of_an_answer()
    {
        Assert.DoesNotContain("secret", AnswerValue.FreeText("my secret words").ToString(), StringComparison.Ordinal);
    }
}
