using AngleSharp.Dom;
using Bunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Web.Components.Plans;
using HealingCompass.Web.Components.Results;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Results;

/// <summary>
/// The first screen of results and plan holds what matters now, within the budget of docs/content.md
/// ("The first screen"), at every safety level; everything else is one tap away and still in the page.
/// </summary>
public sealed class FirstScreenTests : ComponentTestBase
{
    /// <summary>Words visible on the results before and including "See my safety steps" (docs/content.md).</summary>
    internal const int ResultsBudget = 120;

    /// <summary>Words visible on the whole plan page before anything is opened (docs/content.md).</summary>
    internal const int PlanBudget = 320;

    public static TheoryData<SafetyLevel> Levels => [SafetyLevel.None, SafetyLevel.Concern, SafetyLevel.High, SafetyLevel.Immediate];

    private static AnswerSet AnswersAt(SafetyLevel level) => level switch
    {
        SafetyLevel.None => Answers.Calm(),
        SafetyLevel.Concern => Answers.Calm().Set("safety.control", SafetyOptions.Yes),
        SafetyLevel.High => Answers.Danger(),
        _ => Answers.Danger().Set("safety.fear_now", SafetyOptions.Yes),
    };

    /// <summary>The words a sighted person sees without opening anything: closed details show only their summary.</summary>
    internal static string VisibleText(INode node) => node switch
    {
        IElement { LocalName: "details" } d when !d.HasAttribute("open") =>
            d.Children.FirstOrDefault(c => c.LocalName == "summary") is { } summary ? VisibleText(summary) + " " : "",
        IElement e => string.Concat(e.ChildNodes.Select(VisibleText)),
        _ => node.TextContent + " ",
    };

    internal static int Words(string text) => text.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));

    [Theory]
    [MemberData(nameof(Levels))]
    public void The_results_open_with_the_summary_the_next_steps_and_the_way_to_them_within_budget(SafetyLevel level)
    {
        RegionChoice.Suggest("en-US");
        Session.Load(AnswersAt(level));
        Assert.Equal(level, Session.Result.Safety.Level);

        var cut = Render<ResultsPage>();

        var first = cut.Find(".hc-first-screen");
        var visible = Markup.Squash(VisibleText(first));
        Assert.Contains(Session.Result.Safety.Summary, visible, StringComparison.Ordinal);
        var button = Session.Result.Safety.IsDanger ? "See my safety steps" : "See my plan";
        Assert.Contains(button, visible, StringComparison.Ordinal);
        var steps = first.QuerySelectorAll("[data-next-steps] li").Select(li => li.Text()).ToList();
        Assert.InRange(steps.Count, 1, 2);
        Assert.Equal(Session.BuildPlan().AllSteps.Take(steps.Count).Select(s => s.Step.Title), steps);
        if (Session.Result.Safety.IsDanger)
        {
            Assert.Contains("In an emergency in the United States, call 911", visible, StringComparison.Ordinal);
        }
        Assert.True(Words(visible) <= ResultsBudget, $"{level}: {Words(visible)} words on the first screen of results, budget {ResultsBudget}: {visible}");
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void The_reasons_and_factors_are_one_tap_away_and_still_in_the_page(SafetyLevel level)
    {
        Session.Load(AnswersAt(level));

        var cut = Render<ResultsPage>();

        var repair = cut.Find("section[aria-labelledby='hc-repair-title'] > details");
        Assert.False(repair.HasAttribute("open"));
        Assert.NotNull(repair.QuerySelector("summary #hc-repair-title"));
        // "What drove this" is inside that one disclosure, for every factor that has drivers.
        Assert.Equal(Session.Result.Factors.Count(f => f.Drivers.Count > 0), repair.QuerySelectorAll(".hc-factor h4").Count(h => h.Text() == "What drove this"));
        foreach (var driver in Session.Result.Safety.Drivers)
        {
            Assert.Contains(cut.FindAll(".hc-first-screen details li"), li => li.Text() == driver.Text);
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void The_plan_opens_with_the_first_paths_first_steps_and_the_rest_collapsed_within_budget(SafetyLevel level)
    {
        RegionChoice.Suggest("en-US");
        Session.Load(AnswersAt(level));
        var plan = Session.BuildPlan();

        var cut = Render<PlanPage>();

        var sections = cut.FindAll("section[aria-labelledby^='plan-'] > details");
        Assert.Equal(plan.Sections.Count, sections.Count);
        Assert.True(sections[0].HasAttribute("open"));
        Assert.All(sections.Skip(1), s => Assert.False(s.HasAttribute("open")));
        var shownFirst = sections[0].Children.Where(c => c.LocalName == "ol").SelectMany(ol => ol.Children).ToList();
        Assert.Equal(plan.Sections[0].Steps.Take(PlanPage.FirstSteps).Select(s => s.Step.Title), shownFirst.Select(li => li.QuerySelector("h3")!.Text()));
        // Every step is still in the page, for screen readers and print.
        Assert.Equal(plan.AllSteps.Count(), cut.FindAll("li.hc-step").Count);

        // The whole page as it first shows: closed disclosures count only their summary line.
        var visible = Markup.Squash(string.Concat(cut.Nodes.Select(VisibleText)));
        if (plan.ShowCrisisResourcesFirst)
        {
            Assert.StartsWith("Your plan Help you can reach now In an emergency in the United States, call 911", visible, StringComparison.Ordinal);
        }
        Assert.True(Words(visible) <= PlanBudget, $"{level}: {Words(visible)} words on the plan's first screen, budget {PlanBudget}: {visible}");
    }
}
