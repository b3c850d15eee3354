using Bunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Web.Components.OwnBehaviour;
using HealingCompass.Web.Components.Plans;
using HealingCompass.Web.Components.Resources;
using HealingCompass.Web.Components.Results;
using HealingCompass.Web.Components.Welcome;
using HealingCompass.Web.Tests.Results;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.People;

/// <summary>
/// The plan points to the lines that fit the person (young, older, threatened with being outed), one tap away
/// and within the first-screen budget; nobody else's plan grows; someone worried about their own behaviour
/// finds a page of what helps.
/// </summary>
public sealed class FittingPeopleTests : ComponentTestBase
{
    public static TheoryData<string, SafetyLevel> Persons()
    {
        var data = new TheoryData<string, SafetyLevel>();
        foreach (var person in new[] { "under 18", "65 or over", "threatened with outing" })
        {
            foreach (var level in new[] { SafetyLevel.None, SafetyLevel.Concern, SafetyLevel.High, SafetyLevel.Immediate })
            {
                data.Add(person, level);
            }
        }

        return data;
    }

    private static AnswerSet For(string person, SafetyLevel level)
    {
        var answers = level switch
        {
            SafetyLevel.None => Answers.Calm(),
            SafetyLevel.Concern => Answers.Calm().Set("safety.substance", SafetyOptions.Yes),
            SafetyLevel.High => Answers.Danger(),
            _ => Answers.Danger().Set("safety.fear_now", SafetyOptions.Yes),
        };
        return person switch
        {
            "under 18" => answers.Set("context.age", "age.under_18"),
            "65 or over" => answers.Set("context.age", "age.65_plus").Set("context.relationship", "relationship.adult_child"),
            _ => answers.Set("patterns.ongoing", AnswerValue.Multi([SignalIds.ThreatToExpose])),
        };
    }

    [Theory]
    [MemberData(nameof(Persons))]
    public void The_plan_offers_fitting_lines_one_tap_away_and_stays_within_the_first_screen_budget(string person, SafetyLevel level)
    {
        RegionChoice.Suggest("en-US");
        Session.Load(For(person, level));
        if (person != "threatened with outing")
        {
            Assert.Equal(level, Session.Result.Safety.Level);
        }

        var plan = Render<PlanPage>();

        var fit = plan.Find("section[aria-labelledby='hc-fit-title'] > details");
        Assert.False(fit.HasAttribute("open"));
        var visible = Markup.Squash(string.Concat(plan.Nodes.Select(FirstScreenTests.VisibleText)));
        Assert.True(FirstScreenTests.Words(visible) <= FirstScreenTests.PlanBudget,
            $"{person}, {level}: {FirstScreenTests.Words(visible)} words on the plan's first screen: {visible}");

        var results = Render<ResultsPage>();
        var first = Markup.Squash(FirstScreenTests.VisibleText(results.Find(".hc-first-screen")));
        Assert.True(FirstScreenTests.Words(first) <= FirstScreenTests.ResultsBudget, $"{person}, {level}: {first}");
    }

    [Fact]
    public void Someone_under_18_in_the_united_states_is_pointed_to_lines_for_young_people()
    {
        RegionChoice.Suggest("en-US");
        Session.Load(Answers.Calm().Set("context.age", "age.under_18"));

        var fit = Render<PlanPage>().Find("section[aria-labelledby='hc-fit-title']");

        Assert.Contains("Lines for young people", fit.TextContent, StringComparison.Ordinal);
        Assert.Contains("loveisrespect", fit.TextContent, StringComparison.Ordinal);
        Assert.Contains("For young people", fit.TextContent, StringComparison.Ordinal);
        Assert.Contains("Lines for everyone", fit.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Where_the_data_has_no_line_for_the_group_the_plan_says_so_and_keeps_the_lines_for_everyone()
    {
        RegionChoice.Suggest("en-NZ");
        Session.Load(Answers.Calm().Set("context.age", "age.65_plus"));

        var fit = Render<PlanPage>().Find("section[aria-labelledby='hc-fit-title']");

        Assert.Contains("We don't list a line just for older people in New Zealand yet.", Markup.Squash(fit.TextContent), StringComparison.Ordinal);
        Assert.Contains("1737", fit.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_adult_who_named_no_group_gets_no_extra_section()
    {
        Session.Load(Answers.Calm());

        Assert.Empty(Render<PlanPage>().FindAll("#hc-fit-title"));
    }

    [Fact]
    public void The_resources_page_puts_the_lines_that_fit_the_answers_first_and_open()
    {
        RegionChoice.Suggest("en-GB");
        Session.Load(Answers.Calm().Set("patterns.ongoing", AnswerValue.Multi([SignalIds.ThreatToExpose])));

        var page = Render<ResourcesPage>();
        var fit = page.Find("section[aria-labelledby='hc-fit-title'] > details");

        Assert.True(fit.HasAttribute("open"));
        Assert.Contains("Galop", fit.TextContent, StringComparison.Ordinal);
        Assert.True(page.Markup.IndexOf("hc-fit-title", StringComparison.Ordinal) < page.Markup.IndexOf("hc-contacts-title", StringComparison.Ordinal));
    }

    [Fact]
    public void The_resources_page_without_answers_lists_every_line_and_no_fitted_group()
    {
        RegionChoice.Suggest("en-GB");

        var page = Render<ResourcesPage>();

        Assert.Empty(page.FindAll("#hc-fit-title"));
        Assert.Equal(HealingCompass.Domain.Resources.ResourceDirectory.Default.GetRegionOrGeneric("region.uk").Contacts.Count + HealingCompass.Domain.Resources.ResourceDirectory.Default.Generic.Contacts.Count,
            page.FindAll(".hc-serves").Count);
    }

    [Fact]
    public void Every_contact_card_says_whom_the_line_serves()
    {
        var galop = HealingCompass.Domain.Resources.ResourceDirectory.Default.GetRegionOrGeneric("region.uk").Contacts.Single(c => c.Id == "contact.uk.galop");

        var card = Render<ContactCard>(p => p.Add(c => c.Contact, galop));

        Assert.Equal("For LGBT+ people", card.Find(".hc-serves").TextContent.Trim());
    }

    [Fact]
    public void The_welcome_says_who_it_is_for_and_links_gently_to_the_page_on_ones_own_behaviour()
    {
        var welcome = Render<WelcomePage>();

        Assert.Contains("whatever your gender, age or sexuality", Markup.Squash(welcome.Markup), StringComparison.Ordinal);
        Assert.Equal("/own-behaviour", welcome.Find("#hc-own-behaviour-link a").GetAttribute("href"));
    }

    [Fact]
    public void The_own_behaviour_page_shows_accountability_the_other_persons_safety_and_says_plainly_when_no_service_is_listed()
    {
        RegionChoice.Suggest("en-GB");

        var page = Render<OwnBehaviourPage>();
        var text = Markup.Squash(page.Markup);
        var catalog = ContentCatalog.Default;

        Assert.Equal(MessageIds.OwnAccountability.Count, page.FindAll("section[aria-labelledby='hc-own-accountability'] li").Count);
        Assert.Equal(MessageIds.OwnOtherSafety.Count, page.FindAll("section[aria-labelledby='hc-own-safety'] li").Count);
        Assert.Contains("in the United Kingdom", page.Find("#hc-own-services-none").TextContent, StringComparison.Ordinal);
        Assert.Contains("Find A Helpline", page.Markup, StringComparison.Ordinal);
        Assert.Contains("999", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Your plan", page.Markup, StringComparison.Ordinal); // no plan that casts them as the one harmed
        Assert.Contains(catalog.Message(MessageIds.OwnNotTherapy), text, StringComparison.Ordinal);
    }
}
