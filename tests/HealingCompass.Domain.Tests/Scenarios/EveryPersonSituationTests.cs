using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Resources;
using HealingCompass.Domain.Tests.Support;

namespace HealingCompass.Domain.Tests.Scenarios;

/// <summary>
/// Six people the first version fitted badly, each described in our own words, with what they must and
/// must not get. The words and lines must fit them without making anyone else's path longer.
/// </summary>
public sealed class EveryPersonSituationTests
{
    private static readonly ContentCatalog Catalog = ContentCatalog.Default;
    private static readonly ResourceDirectory Directory = ResourceDirectory.Default;

    [Fact]
    public void A_man_hurt_by_a_partner_who_fears_not_being_believed_hears_that_it_happens_to_every_gender_and_finds_lines_for_him()
    {
        // He lives with a partner who has hit him, and worries people will laugh it off.
        var result = Score(b => b.Context("relationship.partner", "status.live_together", "want.unsure")
            .AllSafety("no").Yes("safety.physical_violence").Barriers("barrier.stigma"));
        var plan = PlanBuilder.Build(result, TrackAdvisor.DefaultChoice(result));

        Assert.Equal(TrackIds.SafetyPlanning, plan.Sections[0].Track.Id);
        var advocate = plan.AllSteps.Single(s => s.Id == "step.safety.talk_to_advocate");
        Assert.Contains(advocate.Step.How, h => h.Contains("every gender", StringComparison.Ordinal) && h.Contains("won't be believed", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.AllSteps, s => s.Step.Joint);

        // Lines that serve everyone come with the plan in every region; the UK and Ireland also list lines for men.
        Assert.All(Directory.Regions, r => Assert.NotEmpty(SupportFit.For(r, result.Signals)[^1].Contacts));
        Assert.NotEmpty(SupportFit.Serving(Directory.GetRegionOrGeneric("region.uk"), Audience.Men).Contacts);
        Assert.NotEmpty(SupportFit.Serving(Directory.GetRegionOrGeneric("region.ie"), Audience.Men).Contacts);
        // Nothing is assumed about his gender: the plan never picks a women's line for him.
        Assert.DoesNotContain(SupportFit.For(Directory.GetRegionOrGeneric("region.ie"), result.Signals).SelectMany(g => g.Contacts), c => c.Serves.Contains(Audience.Women) && !c.Serves.Contains(Audience.Everyone));
    }

    [Fact]
    public void Someone_whose_same_sex_partner_threatens_to_out_them_is_seen_as_under_control_and_pointed_to_an_lgbt_line()
    {
        var result = Score(b => b.Context("relationship.partner", "status.in_contact", "want.work_on_it")
            .AllSafety("no").Patterns(SignalIds.ThreatToExpose).AllFactors(0.8));
        var plan = PlanBuilder.Build(result, [TrackIds.RelationalRepair, TrackIds.SafetyPlanning]);

        Assert.True(result.Safety.CoerciveControl);
        Assert.True(result.CouplesCounsellingNotAdvised);
        Assert.Equal(TrackStatus.NotAdvised, result.Track(TrackIds.RelationalRepair).Status);
        Assert.DoesNotContain(plan.AllSteps, s => s.Step.Joint);
        Assert.Contains(plan.AllSteps.Single(s => s.Id == "step.safety.talk_to_advocate").Adaptations, a => a.Contains("LGBT+", StringComparison.Ordinal));

        var uk = SupportFit.For(Directory.GetRegionOrGeneric("region.uk"), result.Signals);
        Assert.Contains(uk.Single(g => g.Audience == Audience.Lgbtq).Contacts, c => c.Id == "contact.uk.galop");
        Assert.Contains(result.Safety.Notes.Concat([result.Safety.Summary]), n => n.Contains("private things about me", StringComparison.Ordinal));
    }

    [Fact]
    public void An_older_parent_hurt_by_an_adult_child_gets_family_words_services_for_older_people_and_staying_home_options()
    {
        // In their own home, with a grown-up child who controls their money and has pushed them.
        var result = Score(b => b.Context("relationship.adult_child", "status.live_together", "want.space")
            .Choose("context.age", "age.65_plus").AllSafety("no").Yes("safety.physical_violence", "safety.control").Barriers("barrier.housing"));
        var plan = PlanBuilder.Build(result, [TrackIds.RelationalRepair, TrackIds.LeavingSafely, TrackIds.NoContact]);
        var words = Words(plan, result);

        Assert.Contains(plan.AllSteps, s => s.Id == "step.older.services");
        Assert.Contains(plan.AllSteps, s => s.Id == "step.older.staying_home");
        Assert.Contains(plan.AllSteps.Single(s => s.Id == "step.leaving.timing").Adaptations, a => a.Contains("not have to be the one who goes", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.AllSteps, s => s.Id == "step.repair.couples_counselling");
        Assert.DoesNotContain("couple", words, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("partner", words, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("joint or family counselling", Catalog.Message(MessageIds.CouplesCounsellingNotAdvised), StringComparison.OrdinalIgnoreCase);

        // With no danger, family repair offers mediation, never couples counselling.
        var calm = Score(b => b.Context("relationship.adult_child", "status.in_contact", "want.work_on_it").Choose("context.age", "age.65_plus").AllSafety("no").AllFactors(0.8));
        var repair = PlanBuilder.Build(calm, [TrackIds.RelationalRepair]);
        Assert.Contains(repair.AllSteps, s => s.Id == "step.repair.family_mediation");
        Assert.DoesNotContain(repair.AllSteps, s => s.Id == "step.repair.couples_counselling");
    }

    [Fact]
    public void A_sixteen_year_old_dating_someone_they_dont_live_with_gets_a_trusted_adult_school_and_youth_lines_and_no_adult_life()
    {
        // Their girlfriend or boyfriend checks their phone and turns up where they are.
        var result = Score(b => b.Context("relationship.partner", "status.in_contact", "want.unsure")
            .Choose("context.age", "age.under_18").AllSafety("no").Yes("safety.stalking").Barriers("barrier.housing", "barrier.finances"));
        var plan = PlanBuilder.Build(result, [TrackIds.SafetyPlanning, TrackIds.LeavingSafely, TrackIds.NoContact]);
        var words = Words(plan, result);

        Assert.Contains(plan.AllSteps, s => s.Id == "step.young.trusted_adult");
        Assert.Contains(plan.AllSteps, s => s.Id == "step.young.school_and_youth");
        Assert.Contains(plan.AllSteps.Single(s => s.Id == "step.leaving.timing").Adaptations, a => a.Contains("trusted adult", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.AllSteps, s => s.Id == "step.leaving.housing");
        foreach (var adult in new[] { "tenancy", "custody", "shelter", "refuge", "where you'll go", "night's stay", "work hours", "rights to the home" })
        {
            Assert.DoesNotContain(adult, words, StringComparison.OrdinalIgnoreCase);
        }

        var us = SupportFit.For(Directory.GetRegionOrGeneric("region.us"), result.Signals);
        Assert.Contains(us.Single(g => g.Audience == Audience.YoungPeople).Contacts, c => c.Id == "contact.us.loveisrespect");
        // Where no youth line is in the data, the group is empty (the page says so) and lines for everyone remain.
        var nz = SupportFit.For(Directory.GetRegionOrGeneric("region.nz"), result.Signals);
        Assert.Empty(nz.Single(g => g.Audience == Audience.YoungPeople).Contacts);
        Assert.NotEmpty(nz[^1].Contacts);
    }

    [Fact]
    public void Someone_whose_partner_holds_their_passport_is_seen_as_under_control_and_gets_immigration_advice_without_a_promise_about_reporting()
    {
        var result = Score(b => b.Context("relationship.partner", "status.live_together", "want.unsure")
            .AllSafety("no").Patterns(SignalIds.ImmigrationThreat));
        var plan = PlanBuilder.Build(result, TrackAdvisor.DefaultChoice(result));
        var words = Words(plan, result);

        Assert.True(result.Safety.CoerciveControl);
        Assert.True(result.CouplesCounsellingNotAdvised);
        Assert.Contains(plan.AllSteps, s => s.Id == "step.leaving.immigration_advice");
        Assert.Contains(plan.AllSteps.Single(s => s.Id == "step.safety.documents").Adaptations, a => a.Contains("hold your passport", StringComparison.Ordinal));
        Assert.Contains(plan.AllSteps.Single(s => s.Id == "step.safety.emergency_number").Adaptations, a => a.Contains("depends on where you are", StringComparison.Ordinal));
        // No region's data says calling for help leaves status unreported, so nothing here says so.
        foreach (var promise in new[] { "won't report", "will not report", "does not report", "doesn't report", "won't affect your status" })
        {
            Assert.DoesNotContain(promise, words, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Someone_worried_about_their_own_shouting_and_phone_checking_finds_what_helps_change_and_is_not_cast_as_the_one_harmed()
    {
        var page = string.Join(" ", typeof(MessageIds).GetFields()
            .Where(f => f.IsLiteral && ((string)f.GetRawConstantValue()!).StartsWith("own.", StringComparison.Ordinal))
            .Select(f => Catalog.Message((string)f.GetRawConstantValue()!)));

        Assert.Contains("shout", page, StringComparison.Ordinal);
        Assert.Contains("check their phone", page, StringComparison.Ordinal);
        Assert.Contains("Behaviour-change programmes", page, StringComparison.Ordinal);
        Assert.Equal(5, MessageIds.OwnAccountability.Count);
        Assert.Equal(4, MessageIds.OwnOtherSafety.Count);
        Assert.Contains("isn't therapy", page, StringComparison.Ordinal);
        foreach (var harmed in new[] { "not your fault", "behaviour is theirs", "their choice, not yours", "your safety comes first", "you deserve to be heard" })
        {
            Assert.DoesNotContain(harmed, page, StringComparison.OrdinalIgnoreCase);
        }

        // No region lists a checked behaviour-change service yet, so every region falls back to saying so plainly.
        Assert.All(Directory.Regions, r => Assert.Empty(SupportFit.Serving(r, Audience.BehaviourChange).Contacts));
        Assert.Contains("in New Zealand", Catalog.Message(MessageIds.OwnServicesNone, Directory.GetRegionOrGeneric("region.nz").InPlace), StringComparison.Ordinal);
    }

    private static AssessmentResult Score(Func<AnswerBuilder, AnswerBuilder> answers) => AssessmentScorer.Score(answers(new AnswerBuilder()).Build());

    // Everything the person reads in the plan and the result, as one string.
    private static string Words(Plan plan, AssessmentResult result) => string.Join(" ",
        plan.Intro.Concat(plan.Sections.SelectMany(s => s.Notes))
            .Concat(plan.AllSteps.SelectMany(s => new[] { s.Step.Title, s.Step.Why, s.Step.Commitment ?? "" }.Concat(s.Step.How).Concat(s.Adaptations)))
            .Concat(plan.Timeline.Select(m => m.Text))
            .Concat(plan.Pitfalls.Select(p => p.Title + " " + p.Text + " " + p.Instead))
            .Concat(result.Tracks.SelectMany(t => t.Reasons)));
}
