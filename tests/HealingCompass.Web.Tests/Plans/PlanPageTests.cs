using Bunit;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Components.Plans;
using HealingCompass.Web.Plans;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Plans;

public sealed class PlanPageTests : ComponentTestBase
{
    [Fact]
    public void With_no_answers_a_kind_message_a_way_to_start_and_a_way_to_load_a_file()
    {
        var cut = Render<PlanPage>();

        Assert.Contains(Answers.Catalog.Message("answers.empty"), cut.PageText(), StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("a"), a => a.Text() == "Start the self-assessment" && a.GetAttribute("href") == "/assessment");
        Assert.Empty(cut.FindAll("li.hc-step"));
        Assert.NotNull(cut.Find("#answers-file input[type=file]"));
    }

    [Fact]
    public void The_chosen_tracks_are_shown_with_each_steps_title_why_and_how()
    {
        Session.Load(Answers.Calm());
        Session.ChooseTracks([TrackIds.PersonalHealing, TrackIds.SelfNurturing]);
        var plan = Session.BuildPlan();

        var cut = Render<PlanPage>();

        Assert.Equal(
            plan.Sections.Select(s => s.Track.Title),
            cut.FindAll("section[aria-labelledby^='plan-'] h2").Select(h => h.Text()));
        Assert.Contains(plan.Sections, s => s.Track.Id == TrackIds.SelfNurturing);
        var steps = cut.FindAll("li.hc-step");
        Assert.Equal(plan.AllSteps.Count(), steps.Count);
        foreach (var (step, shown) in plan.AllSteps.Zip(steps))
        {
            var text = shown.Text();
            Assert.Contains(step.Step.Title, text, StringComparison.Ordinal);
            Assert.Contains($"Why: {step.Step.Why}", text, StringComparison.Ordinal);
            Assert.Contains("How", text, StringComparison.Ordinal);
            Assert.All(step.Step.How, how => Assert.Contains(how, text, StringComparison.Ordinal));
            Assert.Contains($"{PlanWording.Kind(step.Step.Kind)} · {PlanWording.Cadence(step.Step.Cadence)}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_track_the_person_did_not_choose_is_not_in_the_plan()
    {
        Session.Load(Answers.Calm());
        Session.ChooseTracks([TrackIds.PersonalHealing]);

        var cut = Render<PlanPage>();

        var titles = cut.FindAll("section[aria-labelledby^='plan-'] h2").Select(h => h.Text()).ToList();
        Assert.Equal([Answers.Catalog.GetTrack(TrackIds.PersonalHealing).Title], titles);
    }

    [Fact]
    public void Without_danger_there_is_no_crisis_block()
    {
        Session.Load(Answers.Calm());

        var cut = Render<PlanPage>();

        Assert.Empty(cut.FindAll(".hc-crisis"));
    }

    [Fact]
    public void With_danger_the_crisis_contacts_come_first_and_safety_planning_leads()
    {
        RegionChoice.Choose("region.nz");
        Session.Load(Answers.Danger());
        Session.ChooseTracks([TrackIds.PersonalHealing]);

        var cut = Render<PlanPage>();

        // In document order, the crisis block comes before the plan's intro lines and every section.
        var first = cut.FindAll(".hc-crisis, .mud-typography-body1, section[aria-labelledby^='plan-']")[0];
        Assert.Contains("hc-crisis", first.ClassName, StringComparison.Ordinal);
        Assert.Contains("call 111", cut.Find(".hc-crisis .hc-emergency").Text(), StringComparison.Ordinal);
        var sections = cut.FindAll("section[aria-labelledby^='plan-'] h2").Select(h => h.Text()).ToList();
        Assert.Equal(Answers.Catalog.GetTrack(TrackIds.SafetyPlanning).Title, sections[0]);
        Assert.Contains(Answers.Catalog.GetTrack(TrackIds.PersonalHealing).Title, sections);
    }

    [Fact]
    public void Printing_asks_the_browser_to_print()
    {
        Session.Load(Answers.Calm());
        var cut = Render<PlanPage>();

        cut.Button("Print my plan").Click();

        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "healingCompassPrint");
    }

    [Fact]
    public void The_paths_can_be_changed_from_the_plan()
    {
        Session.Load(Answers.Calm());

        var cut = Render<PlanPage>();

        Assert.Contains(cut.FindAll("a"), a => a.Text() == "Change my paths" && a.GetAttribute("href") == "/results");
    }
}
