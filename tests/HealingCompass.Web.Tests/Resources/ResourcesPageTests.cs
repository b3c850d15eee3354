using System.Globalization;
using Bunit;
using HealingCompass.Domain.Resources;
using HealingCompass.Web.Components.Resources;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Resources;

public sealed class ResourcesPageTests : ComponentTestBase
{
    private static readonly ResourceDirectory Directory = ResourceDirectory.Default;

    private static Region RegionOf(string id) => Directory.GetRegionOrGeneric(id);

    private static string Checked(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    [Fact]
    public void The_picker_lists_every_region_after_a_prompt_to_choose()
    {
        var cut = Render<ResourcesPage>();

        var options = cut.FindAll("#region-page option");
        Assert.Equal("Choose a country", options[0].Text());
        Assert.Equal(string.Empty, options[0].GetAttribute("value"));
        Assert.Equal(Directory.Regions.Select(r => r.Id), options.Skip(1).Select(o => o.GetAttribute("value")));
        Assert.Equal(Directory.Regions.Select(r => r.Name), options.Skip(1).Select(o => o.Text()));
    }

    [Fact]
    public void Before_a_choice_the_generic_contacts_and_a_prompt_are_shown()
    {
        var cut = Render<ResourcesPage>();

        Assert.Contains("Choose a country to see helplines there", cut.PageText(), StringComparison.Ordinal);
        Assert.Equal("Helplines that work wherever you are", cut.Find("#hc-contacts-title").Text());
        Assert.Contains("call the emergency number of the country you are in", cut.Find(".hc-emergency").Text(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#hc-elsewhere-title"));
    }

    [Fact]
    public void Choosing_a_region_shows_its_emergency_number_and_helplines()
    {
        var cut = Render<ResourcesPage>();

        cut.Find("#region-page").Change("region.uk");

        var uk = RegionOf("region.uk");
        Assert.Equal("region.uk", RegionChoice.RegionId);
        Assert.Equal("Helplines in the United Kingdom", cut.Find("#hc-contacts-title").Text());
        Assert.Contains("In an emergency in the United Kingdom, call 999", cut.Find(".hc-emergency").Text(), StringComparison.Ordinal);
        Assert.Contains("Silent Solution", cut.Find(".hc-emergency").Text(), StringComparison.Ordinal);
        var section = cut.Find("[aria-labelledby='hc-contacts-title']");
        var cards = section.QuerySelectorAll(".hc-contact");
        Assert.Equal(uk.Contacts.Count, cards.Length);
        Assert.Equal(uk.Contacts.Select(c => c.Name), cards.Select(c => c.QuerySelector("strong")!.Text()));
    }

    [Fact]
    public void Each_helpline_shows_a_tappable_number_its_source_and_when_it_was_checked()
    {
        RegionChoice.Choose("region.uk");

        var cut = Render<ResourcesPage>();

        var helpline = RegionOf("region.uk").Contacts.First(c => c.Id == "contact.uk.national_da_helpline");
        var card = cut.FindAll("[aria-labelledby='hc-contacts-title'] .hc-contact").Single(c => c.QuerySelector("strong")!.Text() == helpline.Name);
        Assert.Equal("tel:08082000247", card.QuerySelector("a.hc-tel")!.GetAttribute("href"));
        Assert.Equal("0808 2000 247", card.QuerySelector("a.hc-tel")!.Text());
        Assert.Equal($"Source: {helpline.Source} · checked {Checked(helpline.VerifiedOn)}", card.QuerySelector(".hc-source")!.Text());
        Assert.Null(card.QuerySelector(".hc-caution"));
    }

    [Fact]
    public void A_website_opens_in_a_new_tab_without_a_referrer()
    {
        RegionChoice.Choose("region.uk");

        var cut = Render<ResourcesPage>();

        var link = cut.FindAll(".hc-contact a[target=_blank]").First(a => a.GetAttribute("href")!.Contains("nationaldahelpline", StringComparison.Ordinal));
        Assert.Contains("noreferrer", link.GetAttribute("rel"), StringComparison.Ordinal);
        Assert.StartsWith("https://", link.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unconfirmed_contact_is_marked_not_confirmed_with_its_caution()
    {
        RegionChoice.Choose("region.uk");

        var cut = Render<ResourcesPage>();

        var unconfirmed = RegionOf("region.uk").Contacts.Where(c => !c.IsVerified).ToList();
        Assert.NotEmpty(unconfirmed);
        var cautions = cut.FindAll("[aria-labelledby='hc-contacts-title'] .hc-caution").Select(p => p.Text()).ToList();
        Assert.Equal(unconfirmed.Select(c => $"Not confirmed: {c.Caution}"), cautions);
    }

    [Fact]
    public void After_choosing_a_region_the_contacts_for_somewhere_else_follow()
    {
        RegionChoice.Choose("region.ca");

        var cut = Render<ResourcesPage>();

        var elsewhere = cut.Find("[aria-labelledby='hc-elsewhere-title']");
        Assert.Equal(Directory.Generic.Contacts.Count, elsewhere.QuerySelectorAll(".hc-contact").Length);
        Assert.Contains(RegionOf("region.ca").Note!, cut.PageText(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_kinds_of_professional_help_are_explained()
    {
        var cut = Render<ResourcesPage>();

        var section = cut.Find("[aria-labelledby='hc-help-title']");
        Assert.Equal(Directory.HelpTypes.Select(h => h.Title), section.QuerySelectorAll("h3").Select(h => h.Text()));
        Assert.All(Directory.HelpTypes, h => Assert.Contains(h.Description, section.Text(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_couples_counselling_note_is_shown()
    {
        var cut = Render<ResourcesPage>();

        Assert.Contains(
            Markup.Squash(Directory.CouplesCounsellingNote),
            cut.Find("[aria-labelledby='hc-couples-title']").Text(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_says_when_the_contacts_were_last_checked_and_to_check_locally()
    {
        var cut = Render<ResourcesPage>();

        Assert.Contains($"Contacts were last checked on {Checked(Directory.VerifiedOn)}.", cut.PageText(), StringComparison.Ordinal);
        Assert.Contains(Markup.Squash(Directory.CheckLocallyNote), cut.PageText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Going_back_to_choose_a_country_shows_the_generic_contacts_again()
    {
        RegionChoice.Choose("region.ie");
        var cut = Render<ResourcesPage>();

        cut.Find("#region-page").Change(string.Empty);

        Assert.False(RegionChoice.HasChosen);
        Assert.Equal("Helplines that work wherever you are", cut.Find("#hc-contacts-title").Text());
    }
}
