using FsCheck.Xunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Tests.Support;

namespace HealingCompass.Domain.Tests.Assessment;

public sealed class AssessmentScorerTests
{
    private static readonly ContentCatalog Catalog = ContentCatalog.Default;

    [Property(MaxTest = 200)]
    public void The_same_answers_always_give_the_same_result(int seed)
    {
        var first = AssessmentScorer.Score(RandomAnswers.From(seed));
        var second = AssessmentScorer.Score(RandomAnswers.From(seed));

        Assert.Equal(first.Safety.Level, second.Safety.Level);
        Assert.Equal(first.Safety.Drivers, second.Safety.Drivers);
        Assert.Equal(first.Factors.Select(f => (f.Score, f.Answered, f.Summary)), second.Factors.Select(f => (f.Score, f.Answered, f.Summary)));
        Assert.Equal(first.Factors.SelectMany(f => f.Drivers), second.Factors.SelectMany(f => f.Drivers));
        Assert.Equal(first.Repairability.Score, second.Repairability.Score);
        Assert.Equal(first.Repairability.Explanation, second.Repairability.Explanation);
        Assert.Equal(first.Tracks.Select(t => (t.Track.Id, t.Status)), second.Tracks.Select(t => (t.Track.Id, t.Status)));
    }

    [Property(MaxTest = 300)]
    public void Improving_an_answer_within_a_factor_never_lowers_that_factors_score(int seed, int pick)
    {
        var answers = RandomAnswers.From(seed);
        var answered = answers.Answered.Where(a => a.Question.Kind == QuestionKind.Scale).ToArray();
        if (answered.Length == 0)
        {
            return;
        }

        var (q, value) = answered[Math.Abs(pick % answered.Length)];
        var better = q.Scale!.Points.Select(p => p.Value).Where(v => q.Normalise(v) > q.Normalise(value.Number)).ToArray();
        if (better.Length == 0)
        {
            return; // already the best answer
        }

        var factorId = q.Definition.Factor!;
        var before = AssessmentScorer.Score(answers).Factors.Single(f => f.Factor.Id == factorId).Score;
        var improved = answers.Clone().Set(q.Id, better[Math.Abs(pick) % better.Length]);
        var after = AssessmentScorer.Score(improved).Factors.Single(f => f.Factor.Id == factorId).Score;

        Assert.True(after >= before, $"{q.Id}: {before} -> {after}");
    }

    [Fact]
    public void Reverse_scored_items_count_agreement_as_less_room_for_repair()
    {
        var agree = new AnswerBuilder().Build().Set("factor.safety.afraid_of_reaction", 4);
        var disagree = new AnswerBuilder().Build().Set("factor.safety.afraid_of_reaction", 0);
        Assert.Equal(0, Safety(agree).Score);
        Assert.Equal(100, Safety(disagree).Score);
        Assert.Contains(Safety(agree).Drivers, d => d.PullsDown && d.QuestionId == "factor.safety.afraid_of_reaction");

        static FactorScore Safety(AnswerSet a) => AssessmentScorer.Score(a).Factors.Single(f => f.Factor.Id == "factor.safety");
    }

    [Fact]
    public void Unanswered_items_lower_confidence_but_never_the_score()
    {
        var half = new AnswerBuilder().AllSafety("no").Build()
            .Set("factor.accountability.acknowledges_impact", 4)
            .Set("factor.accountability.specific_changes", 4);
        var full = new AnswerBuilder().AllSafety("no").Factor("factor.accountability", 1).Build();

        var halfScore = AssessmentScorer.Score(half).Factors.Single(f => f.Factor.Id == "factor.accountability");
        var fullScore = AssessmentScorer.Score(full).Factors.Single(f => f.Factor.Id == "factor.accountability");
        Assert.Equal(100, halfScore.Score);
        Assert.Equal(100, fullScore.Score);
        Assert.True(halfScore.Answered < fullScore.Answered);

        var partial = AssessmentScorer.Score(new AnswerBuilder().AllSafety("no").Factor("factor.safety", 1).Factor("factor.support", 1).Factor("factor.regulation", 1).Build());
        var complete = AssessmentScorer.Score(new AnswerBuilder().AllSafety("no").AllFactors(1).Build());
        Assert.Equal(100, partial.Repairability.Score);
        Assert.Equal(100, complete.Repairability.Score);
        Assert.True(partial.Repairability.Confidence < complete.Repairability.Confidence);
    }

    [Fact]
    public void Every_conclusion_comes_with_plain_words_that_explain_it()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder()
            .Context("relationship.parent", "status.in_contact", "want.unsure")
            .AllSafety("no").Yes("safety.control")
            .Factor("factor.safety", 0.75).Factor("factor.accountability", 0).Factor("factor.shared_goals", 1)
            .Build());

        Assert.False(string.IsNullOrWhiteSpace(result.Safety.Summary));
        Assert.Contains(result.Safety.Drivers, d => d.SourceId == "safety.control");
        Assert.All(result.Factors, f => Assert.False(string.IsNullOrWhiteSpace(f.Summary)));
        Assert.All(result.Factors.Where(f => f.Score is 0 or 100), f => Assert.NotEmpty(f.Drivers));
        Assert.NotEmpty(result.Repairability.Explanation);
        Assert.Contains(result.Repairability.Explanation, e => e.Contains("not a diagnosis", StringComparison.Ordinal));
        Assert.All(result.Tracks, t => Assert.NotEmpty(t.Reasons));
    }

    [Fact]
    public void An_empty_assessment_is_scored_without_error_and_says_there_is_not_enough_yet()
    {
        var result = AssessmentScorer.Score(new AnswerSet());
        Assert.Equal(SafetyLevel.None, result.Safety.Level);
        Assert.Equal(Catalog.Questions.Count(q => q.IsSafetyItem), result.Safety.UnansweredCount);
        Assert.NotEmpty(result.Safety.Notes);
        Assert.Equal(RepairabilityBand.Unknown, result.Repairability.Band);
        Assert.Equal(Confidence.Low, result.Repairability.Confidence);
        Assert.Equal(TrackStatus.Recommended, result.Track(TrackIds.PersonalHealing).Status);
    }

    [Fact]
    public void The_persons_own_reflection_answers_are_kept_in_the_result()
    {
        var answers = new AnswerBuilder().Build()
            .Set("reflection.safe_now", 1)
            .Set("reflection.notes", AnswerValue.FreeText("I want to think about this more."));
        var reflections = AssessmentScorer.Score(answers).Reflections;
        Assert.Contains(reflections, r => r.Question.Id == "reflection.safe_now" && r.AnswerLabel == "Partly");
        Assert.Contains(reflections, r => r.Question.Id == "reflection.notes" && r.AnswerLabel == "I want to think about this more.");
    }

    [Fact]
    public void Barriers_shape_the_plan_but_never_the_scores()
    {
        var without = new AnswerBuilder().AllSafety("no").AllFactors(0.75).Build();
        var with = new AnswerBuilder().AllSafety("no").AllFactors(0.75).Barriers("barrier.finances", "barrier.children", "barrier.immigration").Build();
        var a = AssessmentScorer.Score(without);
        var b = AssessmentScorer.Score(with);
        Assert.Equal(a.Safety.Level, b.Safety.Level);
        Assert.Equal(a.Factors.Select(f => f.Score), b.Factors.Select(f => f.Score));
        Assert.Equal(a.Repairability.Score, b.Repairability.Score);
        Assert.Equal(a.Tracks.Select(t => (t.Track.Id, t.Status)), b.Tracks.Select(t => (t.Track.Id, t.Status)));
    }
}
