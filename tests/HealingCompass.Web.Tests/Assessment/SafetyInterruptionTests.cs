using Bunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Web.Components.Assessment;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Assessment;

/// <summary>The safety card as it interrupts the walk-through: it informs and offers, and never blocks.</summary>
public sealed class SafetyInterruptionTests : ComponentTestBase
{
    private const string CardSelector = "[aria-labelledby='hc-safety-title']";

    private IRenderedComponent<WalkThroughPage> RenderSafetyScreen()
    {
        var safety = Session.WalkThrough.Screens.First(s => s.IsSafetyCheck);
        Session.GoTo(safety.Index);
        return Render<WalkThroughPage>();
    }

    private static void Answer(IRenderedComponent<WalkThroughPage> cut, string questionId, string option) =>
        cut.Find($"input[type=radio][name='{questionId}'][value='{option}']").Change(option);

    [Fact]
    public void A_danger_answer_brings_up_the_safety_card_as_a_polite_status()
    {
        var cut = RenderSafetyScreen();
        Assert.Empty(cut.FindAll(CardSelector));

        Answer(cut, "safety.threats_to_kill", SafetyOptions.Yes);

        var card = cut.Find(CardSelector);
        Assert.Equal("status", card.GetAttribute("role"));
        Assert.Equal("Your safety comes first", cut.Find("#hc-safety-title").Text());
        Assert.Contains(Session.Result.Safety.Summary, card.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_card_shows_the_emergency_number_of_the_chosen_region()
    {
        RegionChoice.Choose("region.uk");
        var cut = RenderSafetyScreen();

        Answer(cut, "safety.threats_to_kill", SafetyOptions.Yes);

        var card = cut.Find(CardSelector);
        var emergency = card.QuerySelector(".hc-emergency")!;
        Assert.Contains("call 999", emergency.Text(), StringComparison.Ordinal);
        Assert.Equal("tel:999", emergency.QuerySelector("a.hc-tel")!.GetAttribute("href"));
        Assert.Contains("0808 2000 247", card.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_a_region_on_the_card_shows_its_emergency_number()
    {
        var cut = RenderSafetyScreen();
        Answer(cut, "safety.threats_to_kill", SafetyOptions.Yes);
        Assert.Contains("call the emergency number of the country you are in", cut.Find(CardSelector).Text(), StringComparison.Ordinal);

        cut.Find($"{CardSelector} select").Change("region.au");

        Assert.Equal("region.au", RegionChoice.RegionId);
        Assert.Contains("call 000", cut.Find($"{CardSelector} .hc-emergency").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Going_on_with_the_questions_hides_the_card_and_stays_on_the_same_screen()
    {
        var cut = RenderSafetyScreen();
        var before = Session.ScreenIndex;
        Answer(cut, "safety.threats_to_kill", SafetyOptions.Yes);

        cut.Button("Go on with the questions").Click();

        Assert.Empty(cut.FindAll(CardSelector));
        Assert.Equal(before, Session.ScreenIndex);
        Assert.StartsWith($"Step {before + 1} of", cut.Find("#hc-progress-label").Text(), StringComparison.Ordinal);
        Assert.Equal(SafetyOptions.Yes, Session.Answers["safety.threats_to_kill"]?.Text);
        Assert.True(cut.Find("input[name='safety.threats_to_kill'][value='yes']").HasAttribute("checked"));
    }

    [Fact]
    public void The_card_comes_back_when_the_danger_becomes_immediate()
    {
        var cut = RenderSafetyScreen();
        Answer(cut, "safety.threats_to_kill", SafetyOptions.Yes);
        cut.Button("Go on with the questions").Click();
        while (cut.FindAll("input[type=radio][name='safety.fear_now']").Count == 0)
        {
            cut.Button("Next").Click();
        }

        Answer(cut, "safety.fear_now", SafetyOptions.Yes);

        Assert.Single(cut.FindAll(CardSelector));
    }

    [Fact]
    public void Seeing_the_safety_steps_now_goes_to_the_results()
    {
        var cut = RenderSafetyScreen();
        Answer(cut, "safety.choking", SafetyOptions.Yes);

        cut.Button("See my safety steps now").Click();

        Assert.Equal("/results", CurrentPath);
        Assert.True(Session.IsFinished);
    }

    [Fact]
    public void The_card_links_to_all_support_contacts()
    {
        var cut = RenderSafetyScreen();
        Answer(cut, "safety.threats_to_kill", SafetyOptions.Yes);

        var link = cut.FindAll($"{CardSelector} a").Single(a => a.Text() == "All support contacts");

        Assert.Equal("/resources", link.GetAttribute("href"));
    }

    [Fact]
    public void Answers_without_danger_bring_up_no_card()
    {
        var cut = RenderSafetyScreen();

        foreach (var question in Session.CurrentScreen.Questions)
        {
            Answer(cut, question.Id, SafetyOptions.No);
        }

        Answer(cut, "safety.threats_to_kill", SafetyOptions.Skip);

        Assert.Empty(cut.FindAll(CardSelector));
        Assert.DoesNotContain("Your safety comes first", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsure_answer_to_choking_counts_as_danger()
    {
        var cut = RenderSafetyScreen();

        Answer(cut, "safety.choking", SafetyOptions.Unsure);

        Assert.Single(cut.FindAll(CardSelector));
    }
}
