using Bunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Components.Results;
using HealingCompass.Web.Results;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Results;

public sealed class ResultsPageTests : ComponentTestBase
{
    private static readonly string CouplesNote = Answers.Catalog.Message("couples.not_advised");

    [Fact]
    public void With_no_answers_a_kind_message_and_a_way_to_start()
    {
        var cut = Render<ResultsPage>();

        Assert.Contains(Answers.Catalog.Message("answers.empty"), cut.PageText(), StringComparison.Ordinal);
        var start = cut.FindAll("a").Single(a => a.Text() == "Start the self-assessment");
        Assert.Equal("/assessment", start.GetAttribute("href"));
        Assert.Empty(cut.FindAll("#hc-safety-result"));
        Assert.False(cut.HasButton("Show my plan"));
    }

    [Fact]
    public void The_safety_section_comes_before_the_factors()
    {
        Session.Load(Answers.Calm());

        var cut = Render<ResultsPage>();

        // querySelectorAll lists matches in document order.
        Assert.Equal(
            ["hc-safety-result", "hc-repair-title"],
            cut.FindAll("#hc-safety-result, #hc-repair-title").Select(e => e.Id));
        Assert.Equal(ResultWording.SafetyHeading(Session.Result.Safety.Level), cut.Find("#hc-safety-result").Text());
    }

    [Fact]
    public void Every_factor_is_shown_with_its_score_and_what_drove_it()
    {
        Session.Load(Answers.Calm());

        var cut = Render<ResultsPage>();

        var headings = cut.FindAll(".hc-factor h3").Select(h => h.Text()).ToList();
        Assert.Equal(
            Session.Result.Factors.Select(f => $"{f.Factor.Title}: {ResultWording.Score(f.Score)}"),
            headings);
        Assert.Equal(Session.Result.Factors.Count, cut.FindAll(".hc-factor h4").Count(h => h.Text() == "What drove this"));
        foreach (var driver in Session.Result.Factors.SelectMany(f => f.Drivers))
        {
            Assert.Contains(cut.FindAll(".hc-factor li"), li => li.Text() == driver.Text);
        }
    }

    [Fact]
    public void The_overall_picture_is_described_in_words()
    {
        Session.Load(Answers.Calm());

        var cut = Render<ResultsPage>();

        Assert.Equal(
            $"What repair could rest on: {ResultWording.Band(Session.Result.Repairability.Band)}",
            cut.Find("#hc-repair-title").Text());
        Assert.All(Session.Result.Repairability.Explanation, line => Assert.Contains(line, cut.PageText(), StringComparison.Ordinal));
    }

    [Fact]
    public void Without_danger_no_couples_counselling_warning_and_no_crisis_block()
    {
        Session.Load(Answers.Calm());

        var cut = Render<ResultsPage>();

        Assert.DoesNotContain(CouplesNote, cut.PageText(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".hc-crisis"));
    }

    [Fact]
    public void Danger_answers_bring_the_couples_counselling_note_and_mark_repair_not_advised()
    {
        Session.Load(Answers.Danger());

        var cut = Render<ResultsPage>();

        Assert.Contains(CouplesNote, cut.PageText(), StringComparison.Ordinal);
        var repair = TrackLabel(cut, TrackIds.RelationalRepair);
        Assert.Contains(Answers.Catalog.GetTrack(TrackIds.RelationalRepair).Title, repair, StringComparison.Ordinal);
        Assert.Contains("Not advised right now", repair, StringComparison.Ordinal);
        Assert.False(cut.Find(TrackBox(TrackIds.RelationalRepair)).HasAttribute("checked"));
    }

    [Fact]
    public void Danger_answers_put_crisis_contacts_inside_the_safety_summary()
    {
        RegionChoice.Choose("region.ie");
        Session.Load(Answers.Danger());

        var cut = Render<ResultsPage>();

        var summary = cut.Find("[aria-labelledby='hc-safety-result']");
        Assert.NotNull(summary.QuerySelector(".hc-crisis"));
        Assert.Contains("call 112 or 999", summary.QuerySelector(".hc-emergency")!.Text(), StringComparison.Ordinal);
        Assert.Contains(Session.Result.Safety.Drivers, d => summary.Text().Contains(d.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Ticking_a_path_on_the_results_changes_the_visits_choice()
    {
        Session.Load(Answers.Calm());
        var cut = Render<ResultsPage>();
        Assert.DoesNotContain(TrackIds.NoContact, Session.ChosenTracks);

        cut.Find(TrackBox(TrackIds.NoContact)).Change(true);

        Assert.True(Session.HasChosenTracks);
        Assert.Contains(TrackIds.NoContact, Session.ChosenTracks);
        Assert.True(cut.Find(TrackBox(TrackIds.NoContact)).HasAttribute("checked"));
    }

    [Fact]
    public void Show_my_plan_confirms_the_choice_and_goes_to_the_plan()
    {
        Session.Load(Answers.Danger());
        var suggested = Session.ChosenTracks.ToList();
        var cut = Render<ResultsPage>();

        cut.Button("Show my plan").Click();

        Assert.Equal("/plan", CurrentPath);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
        Assert.True(Session.HasChosenTracks);
        Assert.Equal(suggested, Session.ChosenTracks);
    }

    [Fact]
    public void Back_to_the_questions_returns_to_the_walk_through()
    {
        Session.Load(Answers.Calm());
        var cut = Render<ResultsPage>();

        cut.Button("Back to the questions").Click();

        Assert.Equal("/assessment", CurrentPath);
    }

    [Fact]
    public void The_page_follows_answers_changed_elsewhere_in_the_visit()
    {
        Session.Load(Answers.Calm());
        var cut = Render<ResultsPage>();
        Assert.DoesNotContain(CouplesNote, cut.PageText(), StringComparison.Ordinal);

        cut.InvokeAsync(() => Session.SetAnswer("safety.gun", AnswerValue.Choice(SafetyOptions.Yes)));

        cut.WaitForAssertion(() => Assert.Contains(CouplesNote, cut.PageText(), StringComparison.Ordinal));
    }

    internal static string TrackBox(string trackId) => $"input[type=checkbox][aria-describedby='track-{trackId.Replace('.', '-')}-about']";

    private static string TrackLabel(IRenderedComponent<ResultsPage> cut, string trackId) =>
        cut.Find(TrackBox(trackId)).ParentElement!.Text();
}
