using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Tests.Support;

namespace HealingCompass.Domain.Tests.Plans;

public sealed class CommitmentsAndRecheckTests
{
    private static readonly ContentCatalog Catalog = ContentCatalog.Default;

    private static AssessmentResult Calm() =>
        AssessmentScorer.Score(new AnswerBuilder().Context("relationship.partner", "status.live_together", "want.work_on_it").AllSafety("no").AllFactors(0.8).Build());

    private static AssessmentResult Danger() =>
        AssessmentScorer.Score(new AnswerBuilder().Context("relationship.partner", "status.live_together", "want.work_on_it").AllSafety("no").Yes("safety.physical_violence").AllFactors(0.8).Build());

    [Fact]
    public void Only_steps_with_a_commitment_and_a_repeating_cadence_become_commitments_with_the_contents_wording()
    {
        var plan = PlanBuilder.Build(Calm(), TrackIds.All);
        var commitments = PlanCommitments.From(plan);

        Assert.NotEmpty(commitments);
        Assert.All(commitments, c =>
        {
            Assert.True(Catalog.TryGetStep(c.StepId, out var step));
            Assert.Equal(step.Commitment, c.Text);
            Assert.NotEqual(Cadence.Once, c.Cadence);
        });
        var expected = plan.AllSteps.Count(s => s.Step.Commitment is not null && s.Step.Cadence != Cadence.Once);
        Assert.Equal(expected, commitments.Count);
    }

    [Fact]
    public void After_a_content_update_the_new_wording_is_offered_beside_the_saved_one_and_nothing_else_is()
    {
        var step = Catalog.Steps.First(s => s.Commitment is not null && s.Cadence == Cadence.Weekly);
        var old = new KeptCommitment(Guid.NewGuid(), CommitmentSource.PlanStep, CommitmentKind.Practice, CommitmentStatus.Active, step.Id, step.Title, "An older wording", "1.0.0");
        var same = old with { Id = Guid.NewGuid(), Text = step.Commitment!, ContentVersion = Catalog.ContentVersion };
        var gone = old with { Id = Guid.NewGuid(), StepId = "step.no_longer_there" };
        var own = old with { Id = Guid.NewGuid(), Source = CommitmentSource.Own, StepId = null };

        var offer = Assert.Single(PlanCommitments.WordingOffers([old, same, gone, own], Catalog));

        Assert.Equal(old.Id, offer.CommitmentId);
        Assert.Equal("An older wording", offer.SavedText);
        Assert.Equal(step.Commitment, offer.NewText);
        Assert.Equal(Catalog.ContentVersion, offer.NewContentVersion);
    }

    [Fact]
    public void A_new_danger_result_pauses_the_joint_steps_and_says_why_repair_is_no_longer_suggested()
    {
        string[] tracks = [TrackIds.PersonalHealing, TrackIds.RelationalRepair];
        var before = PlanBuilder.Build(Calm(), tracks);
        var saved = PlanCommitments.From(before).Select(c => c.StepId).ToList();
        var joint = saved.Where(id => Catalog.TryGetStep(id, out var s) && (s.Joint || s.HeldBackWhileAbuse)).ToList();
        Assert.NotEmpty(joint);

        var outcome = PlanRecheck.Run(Danger(), tracks, saved, CheckInQuestions.Default.Message);

        Assert.True(outcome.RepairNoLongerRecommended);
        Assert.All(joint, id => Assert.Contains(id, outcome.HeldBackStepIds));
        Assert.DoesNotContain(outcome.Plan.AllSteps, s => s.Step.Joint);
        Assert.Single(outcome.Why);
    }

    [Fact]
    public void A_calm_result_changes_nothing_in_a_plan_built_from_a_calm_one()
    {
        string[] tracks = [TrackIds.PersonalHealing, TrackIds.RelationalRepair];
        var saved = PlanCommitments.From(PlanBuilder.Build(Calm(), tracks)).Select(c => c.StepId).ToList();
        var outcome = PlanRecheck.Run(Calm(), tracks, saved, CheckInQuestions.Default.Message);
        Assert.Empty(outcome.HeldBackStepIds);
        Assert.False(outcome.RepairNoLongerRecommended);
        Assert.Empty(outcome.Why);
    }

    [Fact]
    public void A_comparison_shows_each_factor_beside_the_earlier_result_and_the_answers_that_moved_it()
    {
        var earlier = new AnswerBuilder().AllSafety("no").AllFactors(0.8).Build();
        var now = new AnswerBuilder().AllSafety("no").AllFactors(0.8).Factor("factor.accountability", 0.1).Build();

        var comparison = AssessmentComparison.Compare(earlier, now);

        var accountability = comparison.Single(c => c.Factor.Id == "factor.accountability");
        Assert.True(accountability.Change < 0);
        Assert.NotEmpty(accountability.ChangedAnswers);
        Assert.All(accountability.ChangedAnswers, a => Assert.Equal("factor.accountability", Catalog.GetQuestion(a.QuestionId).Definition.Factor));
        Assert.All(comparison.Where(c => c.Factor.Id != "factor.accountability"), c =>
        {
            Assert.Equal(0, c.Change);
            Assert.Empty(c.ChangedAnswers);
        });
    }
}
