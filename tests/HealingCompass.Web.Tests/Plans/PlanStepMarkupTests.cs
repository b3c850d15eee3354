using AngleSharp.Html.Parser;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Components.Plans;
using HealingCompass.Web.Plans;

namespace HealingCompass.Web.Tests.Plans;

public sealed class PlanStepMarkupTests
{
    private static readonly StepDefinition Journal = ContentCatalog.Default.Steps.Single(s => s.Id == "step.personal.private_record");

    [Fact]
    public void A_step_shows_its_kind_title_why_every_how_its_guidance_and_commitment_and_links_the_journal_step()
    {
        var step = new PlanStep(Journal, ["Keep it where nobody who checks your phone would look."]);

        var card = Parse(PlanStepMarkup.For(step, "h4").Value);

        Assert.Equal("li", card.LocalName);
        Assert.Equal("hc-step", card.ClassName);
        Assert.Equal($"{PlanWording.Kind(Journal.Kind)} · {PlanWording.Cadence(Journal.Cadence)}", card.QuerySelector(".mud-typography-overline")!.TextContent);
        Assert.Equal(Journal.Title, card.QuerySelector("h4.mud-typography-h6")!.TextContent);
        Assert.Null(card.QuerySelector("h3"));
        Assert.Contains(card.QuerySelectorAll("p"), p => p.TextContent == "Why: " + Journal.Why);
        Assert.Equal(Journal.How, card.QuerySelectorAll("details ol li").Select(li => li.TextContent));
        Assert.Equal("How", card.QuerySelector("details > summary")!.TextContent);
        Assert.Contains(card.QuerySelectorAll("p"), p => p.TextContent == "For your situation: " + step.Adaptations[0]);
        Assert.Contains(card.QuerySelectorAll("p"), p => p.TextContent == "A commitment you could make: " + Journal.Commitment);
        Assert.Equal("/journal", card.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Every_plan_with_the_same_step_shares_one_string_and_other_guidance_gets_its_own()
    {
        var plain = PlanStepMarkup.For(new PlanStep(Journal, []));
        var again = PlanStepMarkup.For(new PlanStep(Journal, []));
        var adapted = PlanStepMarkup.For(new PlanStep(Journal, ["Another situation's line."]));

        Assert.Same(plain.Value, again.Value);
        Assert.NotEqual(plain.Value, adapted.Value);
        Assert.Contains(Parse(adapted.Value).QuerySelectorAll("p"), p => p.TextContent == "For your situation: Another situation's line.");
        Assert.DoesNotContain("Another situation", plain.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heading_that_is_not_a_steps_heading_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanStepMarkup.For(new PlanStep(Journal, []), "script"));
    }

    private static AngleSharp.Dom.IElement Parse(string html) =>
        Assert.Single(new HtmlParser().ParseDocument("<body><ol>" + html + "</ol></body>").QuerySelector("ol")!.Children);
}
