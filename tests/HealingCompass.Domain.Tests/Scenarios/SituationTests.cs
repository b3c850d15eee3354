using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Tests.Support;

namespace HealingCompass.Domain.Tests.Scenarios;

/// <summary>Whole situations a real person might bring, and what each must and must not get.</summary>
public sealed class SituationTests
{
    [Fact]
    public void Someone_in_immediate_danger_gets_safety_and_crisis_resources_first_and_no_couples_work()
    {
        var answers = new AnswerBuilder()
            .Context("relationship.partner", "status.live_together", "want.unsure", "children.yes_shared")
            .AllSafety("no").Yes("safety.threats_to_kill", "safety.gun", "safety.fear_now")
            .Patterns("pattern.isolation", "pattern.control")
            .AllFactors(0.25)
            .Barriers("barrier.finances", "barrier.children")
            .Build();
        var result = AssessmentScorer.Score(answers);
        var plan = PlanBuilder.Build(result, TrackAdvisor.DefaultChoice(result));

        Assert.Equal(SafetyLevel.Immediate, result.Safety.Level);
        Assert.True(result.CouplesCounsellingNotAdvised);
        Assert.Equal(TrackStatus.NotAdvised, result.Track(TrackIds.RelationalRepair).Status);
        Assert.True(plan.ShowCrisisResourcesFirst);
        Assert.Equal(TrackIds.SafetyPlanning, plan.Sections[0].Track.Id);
        Assert.Contains(plan.AllSteps, s => s.Id == "step.safety.children_plan");
        Assert.DoesNotContain(plan.AllSteps, s => s.Step.Joint);
        Assert.DoesNotContain(plan.Sections, s => s.Track.Id == TrackIds.LeavingSafely); // offered, never chosen for them
    }

    [Fact]
    public void A_repairable_relationship_gets_relational_repair_recommended_with_its_tools()
    {
        var answers = new AnswerBuilder()
            .Context("relationship.partner", "status.live_together", "want.work_on_it")
            .AllSafety("no")
            .Patterns("pattern.dismissiveness", "pattern.uneven_labour")
            .AllFactors(0.75).Factor("factor.accountability", 1)
            .Build();
        var result = AssessmentScorer.Score(answers);
        var plan = PlanBuilder.Build(result, TrackAdvisor.DefaultChoice(result));

        Assert.Equal(SafetyLevel.None, result.Safety.Level);
        Assert.Equal(TrackStatus.Recommended, result.Track(TrackIds.RelationalRepair).Status);
        Assert.Equal(RepairabilityBand.Hopeful, result.Repairability.Band);
        Assert.False(result.CouplesCounsellingNotAdvised);
        Assert.Contains(plan.AllSteps, s => s.Id == "tool.pause_button");
        Assert.Contains(plan.AllSteps, s => s.Id == "tool.behaviour_impact_request");
        Assert.Contains(plan.AllSteps, s => s.Id == "step.repair.couples_counselling");
        Assert.Equal(TrackIds.PersonalHealing, plan.Sections[0].Track.Id);
    }

    [Fact]
    public void Coercive_control_without_violence_is_treated_as_a_safety_matter_and_repair_is_not_advised()
    {
        var answers = new AnswerBuilder()
            .Context("relationship.partner", "status.live_together", "want.unsure")
            .AllSafety("no").Yes("safety.control")
            .Patterns("pattern.isolation", "pattern.control", "pattern.gaslighting", "pattern.eggshells")
            .AllFactors(0.5).Factor("factor.accountability", 1)
            .Build();
        var result = AssessmentScorer.Score(answers);

        Assert.DoesNotContain(result.Safety.Drivers, d => d.SourceId == "safety.physical_violence");
        Assert.Equal(SafetyLevel.High, result.Safety.Level);
        Assert.Equal(TrackStatus.NotAdvised, result.Track(TrackIds.RelationalRepair).Status);
        Assert.Equal(TrackStatus.Recommended, result.Track(TrackIds.SafetyPlanning).Status);
        Assert.Contains(result.Safety.Drivers, d => d.SourceId == "rule.control_cluster");
    }

    [Fact]
    public void A_hurtful_parent_gets_family_fitting_steps_and_no_romantic_ones()
    {
        var answers = new AnswerBuilder()
            .Context("relationship.parent", "status.in_contact", "want.space")
            .Choose("context.duration", "duration.over_10y")
            .AllSafety("no")
            .Patterns("pattern.contempt", "pattern.boundary_crossing", "neglect.feelings_ignored", "effect.self_doubt")
            .AllFactors(0.25)
            .Barriers("barrier.stigma")
            .Build();
        var result = AssessmentScorer.Score(answers);
        var plan = PlanBuilder.Build(result, [TrackIds.NoContact, TrackIds.RelationalRepair, TrackIds.SelfNurturing]);

        Assert.Equal(TrackStatus.Offered, result.Track(TrackIds.RelationalRepair).Status);
        Assert.Equal(TrackStatus.Offered, result.Track(TrackIds.SelfNurturing).Status); // offered for the person to add, never added for them
        Assert.Equal(RepairabilityBand.Low, result.Repairability.Band);
        Assert.DoesNotContain(plan.AllSteps, s => s.Id == "step.repair.couples_counselling");
        Assert.Contains(plan.AllSteps, s => s.Id == "step.repair.family_mediation");
        Assert.Contains(plan.AllSteps, s => s.Id == "step.contact.decide_level");
        var words = plan.AllSteps.SelectMany(s => new[] { s.Step.Title, s.Step.Why }.Concat(s.Step.How).Concat(s.Adaptations));
        Assert.DoesNotContain(words, w => w.Contains("partner", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Someone_who_has_already_left_gets_healing_after_leaving_and_the_plan_keeps_safety_in_view()
    {
        var answers = new AnswerBuilder()
            .Context("relationship.ex_partner", "status.no_contact", "want.already_left")
            .AllSafety("no").Yes("safety.separation")
            .Patterns("pattern.control", "effect.hypervigilance")
            .Build();
        var result = AssessmentScorer.Score(answers);
        var plan = PlanBuilder.Build(result, TrackAdvisor.DefaultChoice(result));

        Assert.Equal(SafetyLevel.High, result.Safety.Level); // separating from someone controlling
        Assert.Equal(TrackStatus.Recommended, result.Track(TrackIds.AfterLeaving).Status);
        Assert.NotEqual(TrackStatus.Recommended, result.Track(TrackIds.RelationalRepair).Status);
        Assert.Equal(TrackIds.SafetyPlanning, plan.Sections[0].Track.Id);
        Assert.Contains(plan.Sections, s => s.Track.Id == TrackIds.AfterLeaving);
        Assert.Contains(plan.AllSteps, s => s.Id == "step.after.grief");
    }

    [Fact]
    public void Emotional_neglect_without_danger_offers_self_nurturing_practices_the_person_can_add()
    {
        var answers = new AnswerBuilder()
            .Context("relationship.partner", "status.live_together", "want.unsure")
            .AllSafety("no")
            .Patterns("neglect.dismissed_needs", "neglect.alone_in_hard_times", "neglect.hard_to_name_needs", "effect.low_mood")
            .AllFactors(0.5)
            .Build();
        var result = AssessmentScorer.Score(answers);
        Assert.DoesNotContain(TrackIds.SelfNurturing, TrackAdvisor.DefaultChoice(result));
        var plan = PlanBuilder.Build(result, [.. TrackAdvisor.DefaultChoice(result), TrackIds.SelfNurturing]);

        Assert.Equal(SafetyLevel.None, result.Safety.Level);
        Assert.Equal(TrackStatus.Offered, result.Track(TrackIds.SelfNurturing).Status);
        Assert.Contains(plan.AllSteps, s => s.Id == "exercise.compassionate_statements");
        Assert.Contains(plan.AllSteps, s => s.Id == "exercise.micro_goals");
        Assert.Contains(plan.AllSteps, s => s.Id == "step.nurture.boundary_journal");
        Assert.DoesNotContain(plan.Sections, s => s.Track.Id == TrackIds.LeavingSafely);
    }

    [Fact]
    public void A_coworker_gets_workplace_routes_and_a_structured_channel_rather_than_couples_work()
    {
        var answers = new AnswerBuilder()
            .Context("relationship.coworker", "status.in_contact", "want.space")
            .AllSafety("no")
            .Patterns("pattern.contempt", "pattern.dismissiveness")
            .Barriers("barrier.job")
            .AllFactors(0.5)
            .Build();
        var plan = PlanBuilder.Build(AssessmentScorer.Score(answers), [TrackIds.RelationalRepair, TrackIds.NoContact]);

        Assert.Contains(plan.AllSteps, s => s.Id == "step.repair.workplace_support");
        Assert.Contains(plan.AllSteps, s => s.Id == "step.contact.structured_channel");
        Assert.DoesNotContain(plan.AllSteps, s => s.Id is "step.repair.couples_counselling" or "step.repair.family_mediation");
    }

    [Fact]
    public void Someone_in_danger_who_still_chooses_repair_keeps_only_what_they_can_do_alone_and_nothing_that_minimises_it()
    {
        var answers = new AnswerBuilder()
            .Context("relationship.partner", "status.live_together", "want.work_on_it")
            .AllSafety("no").Yes("safety.physical_violence")
            .AllFactors(0.9)
            .Build();
        var result = AssessmentScorer.Score(answers);
        var plan = PlanBuilder.Build(result, [TrackIds.RelationalRepair]);
        var repair = plan.Sections.Single(s => s.Track.Id == TrackIds.RelationalRepair);

        Assert.Equal(SafetyLevel.High, result.Safety.Level);
        Assert.Contains(repair.Steps, s => s.Id == "step.repair.individual_therapy_each");
        Assert.DoesNotContain(repair.Steps, s => s.Id == "step.repair.setbacks");
        Assert.DoesNotContain(plan.Timeline, m => m.Tracks.Contains(TrackIds.RelationalRepair));
        Assert.DoesNotContain(plan.Pitfalls, p => p.Id is "pitfall.doing_it_alone" or "pitfall.rushing_closeness" or "pitfall.transparency_as_surveillance");
        Assert.Contains("safety", result.Repairability.Explanation[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(result.Repairability.Explanation, l => l.Contains("truly change", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Someone_who_has_left_and_is_still_being_contacted_gets_a_plan_for_after_not_for_getting_ready()
    {
        var answers = new AnswerBuilder()
            .Context("relationship.ex_partner", "status.no_contact", "want.already_left")
            .AllSafety("no").Yes("safety.separation", "safety.unwanted_contact", "safety.physical_violence")
            .Build();
        var result = AssessmentScorer.Score(answers);
        var plan = PlanBuilder.Build(result, [TrackIds.LeavingSafely, TrackIds.AfterLeaving]);

        Assert.Equal(SafetyLevel.Immediate, result.Safety.Level); // violence, separation and unwanted contact together
        Assert.Contains(plan.AllSteps, s => s.Id == "step.after.documents");
        Assert.DoesNotContain(plan.AllSteps, s => s.Id is "step.safety.documents" or "step.leaving.timing");
        Assert.DoesNotContain(plan.Timeline, m => m.Id == "timeline.leaving.weeks");
        Assert.DoesNotContain(plan.Pitfalls, p => p.Id == "pitfall.sharing_leaving_plans");
        Assert.Contains(plan.AllSteps, s => s.Id == "step.after.stay_safe");
    }

    [Fact]
    public void Someone_hopeful_without_danger_may_hear_that_it_can_change_and_sees_the_early_signs_they_ticked()
    {
        var answers = new AnswerBuilder()
            .Context("relationship.partner", "status.live_together", "want.work_on_it")
            .AllSafety("no")
            .Patterns("pattern.charm_withdrawal")
            .AllFactors(0.1)
            .Build();
        var result = AssessmentScorer.Score(answers);

        Assert.Equal(SafetyLevel.None, result.Safety.Level);
        Assert.Contains(result.Repairability.Explanation, l => l.Contains("truly change", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("early sign", result.Safety.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(result.Safety.Notes, n => n.Contains("They swing from intense warmth to coldness or blame", StringComparison.Ordinal));
    }
}
