using FsCheck.Xunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Tests.Support;

namespace HealingCompass.Domain.Tests.Plans;

public sealed class PlanBuilderTests
{
    private static readonly ContentCatalog Catalog = ContentCatalog.Default;

    [Property(MaxTest = 200)]
    public void Personal_healing_is_always_offered_and_always_in_the_plan(int seed, int choice)
    {
        var result = AssessmentScorer.Score(RandomAnswers.From(seed));
        Assert.Equal(TrackStatus.Recommended, result.Track(TrackIds.PersonalHealing).Status);

        var chosen = TrackIds.All.Where((_, i) => (choice >> i & 1) == 1);
        var plan = PlanBuilder.Build(result, chosen);
        Assert.Contains(plan.Sections, s => s.Track.Id == TrackIds.PersonalHealing);
    }

    [Property(MaxTest = 200)]
    public void Every_step_in_any_plan_exists_appears_once_and_is_concrete(int seed)
    {
        var plan = PlanBuilder.Build(AssessmentScorer.Score(RandomAnswers.From(seed)), TrackIds.All);
        var ids = plan.AllSteps.Select(s => s.Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(plan.AllSteps, s =>
        {
            Assert.True(Catalog.TryGetStep(s.Id, out _));
            Assert.NotEmpty(s.Step.How);
        });
    }

    [Fact]
    public void Leaving_safely_opens_with_the_safety_plan_and_says_it_is_one()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().Context("relationship.partner", "status.live_together", "want.leave").AllSafety("no").Build());
        var plan = PlanBuilder.Build(result, [TrackIds.LeavingSafely]);
        var leaving = plan.Sections.Single(s => s.Track.Id == TrackIds.LeavingSafely);

        Assert.Equal("step.safety.talk_to_advocate", leaving.Steps[0].Id);
        Assert.Contains(leaving.Notes, n => n.Contains("safety plan", StringComparison.Ordinal));
        Assert.All(Catalog.GetTrack(TrackIds.LeavingSafely).Steps.Take(4), s => Assert.StartsWith("step.safety.", s.Step, StringComparison.Ordinal));
    }

    [Fact]
    public void Leaving_and_no_contact_are_offered_but_never_recommended()
    {
        var calm = AssessmentScorer.Score(new AnswerBuilder().Context("relationship.partner", "status.live_together", "want.leave").AllSafety("no").AllFactors(0).Build());
        var danger = AssessmentScorer.Score(new AnswerBuilder().Context("relationship.partner", "status.live_together", "want.unsure").AllSafety("yes").Build());
        foreach (var result in new[] { calm, danger })
        {
            Assert.Equal(TrackStatus.Offered, result.Track(TrackIds.LeavingSafely).Status);
            Assert.Equal(TrackStatus.Offered, result.Track(TrackIds.NoContact).Status);
        }
    }

    [Fact]
    public void Shared_finances_add_an_independent_account_to_a_leaving_plan()
    {
        var withFinances = PlanFor(b => b.Barriers("barrier.finances"), TrackIds.LeavingSafely);
        var without = PlanFor(_ => { }, TrackIds.LeavingSafely);
        Assert.Contains(withFinances.AllSteps, s => s.Id == "step.leaving.independent_account");
        Assert.DoesNotContain(without.AllSteps, s => s.Id == "step.leaving.independent_account");
    }

    [Fact]
    public void Barriers_add_guidance_to_the_steps_they_touch()
    {
        var plan = PlanFor(b => b.Barriers("barrier.finances", "barrier.children", "barrier.housing", "barrier.immigration"), TrackIds.SafetyPlanning, TrackIds.LeavingSafely);
        Assert.Contains(plan.AllSteps, s => s.Adaptations.Count > 0);
        var bare = PlanFor(_ => { }, TrackIds.SafetyPlanning, TrackIds.LeavingSafely);
        // Only guidance that holds for everyone but a named group (e.g. shelters, not for someone under 18) remains.
        Assert.All(bare.AllSteps, s => Assert.All(s.Adaptations, a => Assert.Contains(s.Step.Adaptations, d => d.Text == a && d.WhenAny.Count == 0)));
    }

    [Fact]
    public void Couples_counselling_is_offered_only_for_partners_and_family_get_mediation_instead()
    {
        var partner = PlanFor(b => b.Context("relationship.partner", "status.live_together", "want.work_on_it"), TrackIds.RelationalRepair);
        var parent = PlanFor(b => b.Context("relationship.parent", "status.in_contact", "want.work_on_it"), TrackIds.RelationalRepair);
        Assert.Contains(partner.AllSteps, s => s.Id == "step.repair.couples_counselling");
        Assert.DoesNotContain(parent.AllSteps, s => s.Id == "step.repair.couples_counselling");
        Assert.Contains(parent.AllSteps, s => s.Id == "step.repair.family_mediation");
    }

    [Fact]
    public void With_danger_signs_safety_planning_is_added_first_even_if_not_chosen_and_joint_steps_are_held_back()
    {
        var result = AssessmentScorer.Score(new AnswerBuilder().Context("relationship.partner", "status.live_together", "want.work_on_it").AllSafety("no").Yes("safety.physical_violence").AllFactors(1).Build());
        var plan = PlanBuilder.Build(result, [TrackIds.RelationalRepair]);

        Assert.Equal(TrackIds.SafetyPlanning, plan.Sections[0].Track.Id);
        Assert.True(plan.Sections[0].AddedForSafety);
        var repair = plan.Sections.Single(s => s.Track.Id == TrackIds.RelationalRepair);
        Assert.Equal(TrackStatus.NotAdvised, repair.Offer.Status);
        Assert.DoesNotContain(repair.Steps, s => s.Step.Joint);
        Assert.DoesNotContain(plan.AllSteps, s => s.Id == "step.repair.couples_counselling");
        Assert.NotEmpty(repair.Notes);
    }

    [Fact]
    public void Without_danger_the_persons_own_healing_leads_the_plan()
    {
        var plan = PlanFor(b => b.Context("relationship.friend", "status.in_contact", "want.work_on_it").AllFactors(1), TrackIds.RelationalRepair, TrackIds.NoContact);
        Assert.Equal(TrackIds.PersonalHealing, plan.Sections[0].Track.Id);
        Assert.False(plan.ShowCrisisResourcesFirst);
    }

    [Fact]
    public void Timeline_markers_and_pitfalls_follow_the_chosen_tracks()
    {
        var repair = PlanFor(b => b.Context("relationship.partner", "status.live_together", "want.work_on_it", "children.yes_shared").AllFactors(1), TrackIds.RelationalRepair);
        Assert.Contains(repair.Timeline, m => m.Horizon == Horizon.Weeks);
        Assert.Contains(repair.Timeline, m => m.Horizon == Horizon.Years);
        Assert.All(repair.Timeline, m => Assert.True(m.Tracks.Contains(TrackIds.RelationalRepair) || m.Tracks.Contains(TrackIds.PersonalHealing)));
        Assert.Equal(repair.Timeline.OrderBy(m => m.Horizon).Select(m => m.Id), repair.Timeline.Select(m => m.Id));
        Assert.Contains(repair.Pitfalls, p => p.Tracks.Contains(TrackIds.RelationalRepair));
    }

    [Fact]
    public void An_unknown_track_choice_is_reported_kindly_and_the_rest_of_the_plan_is_built()
    {
        var plan = PlanBuilder.Build(AssessmentScorer.Score(new AnswerSet()), ["track.moon_landing", TrackIds.SelfNurturing]);
        Assert.Contains("track.moon_landing", Assert.Single(plan.Problems), StringComparison.Ordinal);
        Assert.Contains(plan.Sections, s => s.Track.Id == TrackIds.SelfNurturing);
    }

    [Fact]
    public void Every_track_offers_its_trade_offs()
    {
        Assert.All(Catalog.Tracks, t =>
        {
            Assert.NotEmpty(t.Gains);
            Assert.NotEmpty(t.Costs);
        });
    }

    [Fact]
    public void Commitments_are_measurable_and_steps_have_a_cadence()
    {
        Assert.Contains(Catalog.Steps, s => s.Commitment is not null);
        Assert.Contains(Catalog.Steps, s => s.Cadence == Cadence.Weekly);
        Assert.Contains(Catalog.Steps, s => s.Kind == StepKind.Exercise);
        Assert.Contains(Catalog.Steps, s => s.Kind == StepKind.Tool);
    }

    private static Plan PlanFor(Action<AnswerBuilder> describe, params string[] tracks)
    {
        var builder = new AnswerBuilder().AllSafety("no");
        describe(builder);
        return PlanBuilder.Build(AssessmentScorer.Score(builder.Build()), tracks);
    }
}
