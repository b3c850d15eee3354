using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Bunit;
using HealingCompass.Domain.Resources;
using HealingCompass.Web.Components.Resources;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Resources;

/// <summary>Crisis contacts before and after a region is chosen, in sentences that read right for every region.</summary>
public sealed class CrisisContactsTests : ComponentTestBase
{
    private static readonly ResourceDirectory Directory = ResourceDirectory.Default;

    public static TheoryData<string> RegionIds => [.. Directory.Regions.Select(r => r.Id)];

    [Theory]
    [MemberData(nameof(RegionIds))]
    public void Every_region_reads_as_a_sentence_once(string regionId)
    {
        var region = Directory.GetRegionOrGeneric(regionId);
        RegionChoice.Choose(regionId);

        var crisis = Render<CrisisContacts>(p => p.Add(x => x.Compact, true)).Find(".hc-emergency").Text();
        var page = Render<ResourcesPage>();
        var title = page.Find("#hc-contacts-title").Text();

        // Never "in United States", "in Somewhere else", a sentence twice, or two sentences run together.
        Assert.DoesNotContain($"in {region.Name}", crisis.Replace($"in {region.DisplayName}", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(region.Name, title.Replace(region.DisplayName ?? "\0", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\.[A-Z]", crisis);
        var sentences = crisis.Split(". ", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(sentences.Length, sentences.Distinct(StringComparer.Ordinal).Count());
        if (region.IsGeneric)
        {
            Assert.Equal(region.Emergency.Note, crisis);
            Assert.Equal("Helplines that work wherever you are", title);
        }
        else
        {
            Assert.StartsWith($"In an emergency in {region.DisplayName}, call {region.Emergency.Numbers[0]}", crisis, StringComparison.Ordinal);
            Assert.Equal($"Helplines in {region.DisplayName}", title);
            Assert.Matches(@"^(the )?[A-Z]", region.DisplayName);
        }
    }

    [Fact]
    public void A_region_the_browser_suggests_shows_its_number_at_once_with_a_way_to_change_it()
    {
        RegionChoice.Suggest("en-NZ,en;q=0.9");

        var cut = Render<CrisisContacts>(p => p.Add(x => x.Compact, true));

        Assert.Contains("In an emergency in New Zealand, call 111", cut.Find(".hc-emergency").Text(), StringComparison.Ordinal);
        Assert.Equal("Not in New Zealand? Choose where you are", cut.Find(".hc-region label").Text());
        Assert.Equal("region.nz", cut.Find("select").GetAttribute("value"));
        Assert.False(RegionChoice.HasChosen);

        cut.Find("select").Change("region.ie");

        Assert.Contains("In an emergency in Ireland, call 112 or 999", cut.Find(".hc-emergency").Text(), StringComparison.Ordinal);
        Assert.Equal("Where are you?", cut.Find(".hc-region label").Text());
    }

    [Fact]
    public void Without_a_country_in_the_browsers_languages_the_generic_line_and_a_plain_question_show()
    {
        RegionChoice.Suggest("en;q=1, fr;q=0.5");

        var cut = Render<CrisisContacts>(p => p.Add(x => x.Compact, true));

        Assert.Equal(Directory.Generic.Emergency.Note, cut.Find(".hc-emergency").Text());
        Assert.Equal("Where are you?", cut.Find(".hc-region label").Text());
    }

    [Fact]
    public void Going_back_to_choose_a_country_drops_the_suggestion_too()
    {
        RegionChoice.Suggest("en-AU");

        RegionChoice.Choose(null);

        Assert.Null(RegionChoice.RegionId);
        Assert.True(Directory.GetRegionOrGeneric(RegionChoice.RegionId).IsGeneric);
    }

    [Fact]
    public void Any_hour_is_promised_only_beside_lines_the_data_marks_24_7()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "src", "HealingCompass.Domain", "Content", "Data", "messages.json")))
        {
            dir = dir.Parent;
        }
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "src", "HealingCompass.Domain", "Content", "Data", "messages.json")));
        var texts = new List<string>();
        void Collect(System.Text.Json.JsonElement e)
        {
            if (e.ValueKind == System.Text.Json.JsonValueKind.String) { texts.Add(e.GetString()!); }
            else if (e.ValueKind == System.Text.Json.JsonValueKind.Object) { foreach (var p in e.EnumerateObject()) { Collect(p.Value); } }
            else if (e.ValueKind == System.Text.Json.JsonValueKind.Array) { foreach (var i in e.EnumerateArray()) { Collect(i); } }
        }
        Collect(json.RootElement);

        Assert.All(texts.Where(t => t.Contains("any hour", StringComparison.OrdinalIgnoreCase)), t => Assert.Contains("24/7", t, StringComparison.Ordinal));
        Assert.Contains(Directory.Regions.SelectMany(r => r.Contacts), c => c.Hours == "24/7");
    }
}

/// <summary>The served page picks the likely region from the request's Accept-Language, nothing else.</summary>
public sealed class LikelyRegionPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_resources_page_shows_the_emergency_number_of_the_browsers_country_at_once()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-GB"));
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en", 0.8));

        var html = await client.GetStringAsync(new Uri("/resources", UriKind.Relative), Xunit.TestContext.Current.CancellationToken);
        var page = new HtmlParser().ParseDocument(html);

        Assert.StartsWith("In an emergency in the United Kingdom, call 999", Markup.Squash(page.QuerySelector(".hc-emergency")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("Not in the United Kingdom? Choose where you are", Markup.Squash(page.QuerySelector(".hc-region label")!.TextContent));
    }
}
