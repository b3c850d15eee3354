using FsCheck.Xunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Tests.Support;

namespace HealingCompass.Domain.Tests.Safety;

public sealed class SafetyEvaluatorTests
{
    private static SafetyLevel LevelOf(AnswerBuilder builder) => AssessmentScorer.Score(builder.Build()).Safety.Level;

    [Theory]
    [InlineData("safety.fear_now")]
    [InlineData("safety.could_kill")]
    public void Fear_right_now_or_believing_they_could_kill_is_immediate_on_its_own(string id) =>
        Assert.Equal(SafetyLevel.Immediate, LevelOf(new AnswerBuilder().AllSafety("no").Yes(id)));

    [Theory]
    [InlineData("safety.physical_violence")]
    [InlineData("safety.choking")]
    [InlineData("safety.threats_to_kill")]
    [InlineData("safety.gun")]
    [InlineData("safety.sexual_coercion")]
    [InlineData("safety.escalation")]
    [InlineData("safety.stalking")]
    [InlineData("safety.threats_to_others")]
    [InlineData("safety.pregnancy")]
    [InlineData("safety.weapon_threat")]
    public void Each_danger_sign_alone_is_high(string id) =>
        Assert.Equal(SafetyLevel.High, LevelOf(new AnswerBuilder().AllSafety("no").Yes(id)));

    [Theory]
    [InlineData("safety.threats_to_kill", "safety.gun")]
    [InlineData("safety.threats_to_kill", "safety.weapon_threat")]
    [InlineData("safety.choking", "safety.escalation")]
    [InlineData("safety.gun", "safety.physical_violence")]
    [InlineData("safety.gun", "safety.pregnancy")]
    public void Known_dangerous_combinations_are_immediate(string a, string b) =>
        Assert.Equal(SafetyLevel.Immediate, LevelOf(new AnswerBuilder().AllSafety("no").Yes(a, b)));

    [Theory]
    [InlineData("safety.substance")]
    [InlineData("safety.unwanted_contact")]
    [InlineData("safety.control")]
    public void Added_risk_factors_alone_are_a_concern_not_danger(string id) =>
        Assert.Equal(SafetyLevel.Concern, LevelOf(new AnswerBuilder().AllSafety("no").Yes(id)));

    [Fact]
    public void A_gun_with_violence_is_immediate_and_says_why()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().AllSafety("no").Yes("safety.gun", "safety.physical_violence").Build());
        Assert.Equal(SafetyLevel.Immediate, result.Safety.Level);
        Assert.Equal("rule.gun_and_violence", result.Safety.Drivers[0].SourceId);
    }

    [Fact]
    public void Separating_after_violence_is_named_as_a_risk_on_its_own()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().AllSafety("no").Yes("safety.physical_violence", "safety.separation").Build());
        Assert.Equal(SafetyLevel.High, result.Safety.Level);
        Assert.Contains(result.Safety.Drivers, d => d.SourceId == "rule.separation_after_violence");
    }

    [Theory]
    [InlineData("safety.separation", "safety.substance")]
    [InlineData("safety.unwanted_contact", "safety.control")]
    [InlineData("safety.separation", "children.mine_not_theirs")]
    public void Violence_with_two_added_risk_factors_is_immediate(string a, string b)
    {
        var builder = new AnswerBuilder().AllSafety("no").Yes("safety.physical_violence");
        if (b.StartsWith("children.", StringComparison.Ordinal))
        {
            builder.Yes(a).Choose("context.children", b);
        }
        else
        {
            builder.Yes(a, b);
        }

        var result = AssessmentScorer.Score(builder.Build());
        Assert.Equal(SafetyLevel.Immediate, result.Safety.Level);
        Assert.Contains(result.Safety.Drivers, d => d.SourceId == "rule.added_risk_with_violence");
    }

    [Fact]
    public void Added_risk_factors_without_violence_never_reach_immediate()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().AllSafety("no").Yes("safety.substance", "safety.separation", "safety.unwanted_contact")
            .Choose("context.children", "children.mine_not_theirs").Build());
        Assert.NotEqual(SafetyLevel.Immediate, result.Safety.Level);
        Assert.DoesNotContain(result.Safety.Drivers, d => d.SourceId == "rule.added_risk_with_violence");
    }

    [Fact]
    public void Unwanted_contact_after_stepping_back_counts_as_separating_from_control()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().AllSafety("no").Yes("safety.separation", "safety.unwanted_contact").Build());
        Assert.Equal(SafetyLevel.High, result.Safety.Level);
        Assert.Contains(result.Safety.Drivers, d => d.SourceId == "rule.separation_from_control");
    }

    [Fact]
    public void Three_danger_signs_together_are_immediate()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().AllSafety("no").Yes("safety.physical_violence", "safety.stalking", "safety.sexual_coercion").Build());
        Assert.Equal(SafetyLevel.Immediate, result.Safety.Level);
        Assert.Equal("rule.several_danger_signs", result.Safety.Drivers[0].SourceId);
    }

    [Fact]
    public void Coercive_control_without_violence_is_a_safety_concern()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().AllSafety("no").Patterns("pattern.control").Build());
        Assert.Equal(SafetyLevel.Concern, result.Safety.Level);
        Assert.Contains(result.Safety.Drivers, d => d.SourceId == "rule.coercive_control");
        Assert.Equal(TrackStatus.Recommended, result.Track(TrackIds.SafetyPlanning).Status);
    }

    [Theory]
    [InlineData("pattern.control")]
    [InlineData("pattern.isolation")]
    public void While_control_continues_repair_is_not_advised_and_joint_work_is_held_back(string pattern)
    {
        var result = AssessmentScorer.Score(new AnswerBuilder()
            .Context("relationship.partner", "status.live_together", "want.work_on_it")
            .AllSafety("no").Patterns(pattern).AllFactors(1).Build());
        var plan = PlanBuilder.Build(result, [TrackIds.RelationalRepair]);

        Assert.Equal(SafetyLevel.Concern, result.Safety.Level);
        Assert.True(result.Safety.CoerciveControl);
        Assert.True(result.CouplesCounsellingNotAdvised);
        Assert.Equal(TrackStatus.NotAdvised, result.Track(TrackIds.RelationalRepair).Status);
        Assert.DoesNotContain(plan.AllSteps, s => s.Step.Joint);
        Assert.DoesNotContain(plan.AllSteps, s => s.Id == "step.repair.couples_counselling");
        Assert.False(result.Repairability.CappedBySafety); // control is named, but the estimate is not capped below danger
    }

    [Fact]
    public void Uncertain_answers_alone_keep_repair_possible_with_a_caution()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder()
            .Context("relationship.friend", "status.in_contact", "want.work_on_it")
            .AllSafety("no").Choose("safety.physical_violence", "unsure").AllFactors(1).Build());

        Assert.Equal(SafetyLevel.Concern, result.Safety.Level);
        Assert.False(result.Safety.CoerciveControl);
        var repair = result.Track(TrackIds.RelationalRepair);
        Assert.Equal(TrackStatus.Recommended, repair.Status);
        Assert.Equal(2, repair.Reasons.Count);
    }

    [Fact]
    public void Several_kinds_of_control_together_are_high_even_without_violence()
    {
        Assert.Equal(SafetyLevel.High, LevelOf(new AnswerBuilder().AllSafety("no").Patterns("pattern.isolation", "pattern.gaslighting", "pattern.unpredictable")));
    }

    [Fact]
    public void Separating_from_a_controlling_person_is_high()
    {
        Assert.Equal(SafetyLevel.None, LevelOf(new AnswerBuilder().AllSafety("no").Yes("safety.separation")));
        Assert.Equal(SafetyLevel.High, LevelOf(new AnswerBuilder().AllSafety("no").Yes("safety.separation", "safety.control")));
    }

    [Fact]
    public void Not_being_sure_about_fear_right_now_is_still_high()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().AllSafety("no").Choose("safety.fear_now", "unsure").Build());
        Assert.Equal(SafetyLevel.High, result.Safety.Level);
        Assert.Contains("afraid", result.Safety.Drivers.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rather_not_say_is_respected_and_noted_without_raising_or_lowering_the_level()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().AllSafety("skip").Build());
        Assert.Equal(SafetyLevel.None, result.Safety.Level);
        Assert.Equal(ContentCatalog.Default.Questions.Count(q => q.IsSafetyItem), result.Safety.NotSharedCount);
        Assert.Single(result.Safety.Notes);
    }

    [Fact]
    public void Hopeful_answers_elsewhere_never_lower_a_danger_level()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().AllSafety("no").Yes("safety.choking").AllFactors(1).Build());
        Assert.Equal(SafetyLevel.High, result.Safety.Level);
        Assert.True(result.Repairability.CappedBySafety);
        Assert.Equal(RepairabilityBand.Low, result.Repairability.Band);
    }

    [Property(MaxTest = 300)]
    public void Any_immediate_danger_answer_puts_safety_planning_first_and_keeps_repair_unrecommended(int seed, int pick, bool chooseRepair)
    {
        string[] immediate = ["safety.fear_now", "safety.could_kill"];
        var answers = RandomAnswers.From(seed).Set(immediate[Math.Abs(pick % 2)], SafetyOptions.Yes);

        var result = AssessmentScorer.Score(answers);
        Assert.Equal(SafetyLevel.Immediate, result.Safety.Level);
        Assert.Equal(TrackIds.SafetyPlanning, result.Tracks[0].Track.Id);
        Assert.NotEqual(TrackStatus.Recommended, result.Track(TrackIds.RelationalRepair).Status);
        Assert.True(result.CouplesCounsellingNotAdvised);

        var plan = PlanBuilder.Build(result, chooseRepair ? [TrackIds.RelationalRepair] : []);
        Assert.Equal(TrackIds.SafetyPlanning, plan.Sections[0].Track.Id);
        Assert.True(plan.ShowCrisisResourcesFirst);
        Assert.DoesNotContain(plan.AllSteps, s => s.Step.Joint);
    }
}
