using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Safety;

/// <summary>What the served HTML loads and where quick exit goes.</summary>
public sealed class PageMarkupTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> Paths => PrivacyHeadersTests.Pages;

    public static TheoryData<string, string> Headings => new()
    {
        { "/", "Can this relationship heal?" },
        { "/assessment", "Self-assessment" },
        { "/results", "Your results" },
        { "/plan", "Your plan" },
        { "/resources", "Get support" },
        { "/browsing-safely", "Browsing more safely" },
    };

    private async Task<IDocument> LoadAsync(string path)
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return new HtmlParser().ParseDocument(html);
    }

    [Theory]
    [MemberData(nameof(Headings))]
    public async Task Each_page_renders_its_own_heading(string path, string heading)
    {
        var page = await LoadAsync(path);

        Assert.Equal(heading, Markup.Squash(page.QuerySelector("h1")!.TextContent));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Quick_exit_goes_to_the_configured_neutral_site_without_a_referrer(string path)
    {
        var page = await LoadAsync(path);

        var exit = Assert.Single(page.QuerySelectorAll("a[data-quick-exit]"));
        Assert.Equal(AppFactory.TestNeutralUrl, exit.GetAttribute("href"));
        Assert.Contains("noreferrer", exit.GetAttribute("rel"), StringComparison.Ordinal);
        // Its accessible name (a label, or its own words) says what it is.
        Assert.Contains("Quick exit", exit.GetAttribute("aria-label") ?? Markup.Squash(exit.TextContent), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task The_quick_exit_script_loads_first_before_blazor(string path)
    {
        var page = await LoadAsync(path);

        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        var quickExit = scripts.FindIndex(s => IsAsset(s, "js/quick-exit", ".js"));
        var blazor = scripts.FindIndex(s => IsAsset(s, "_framework/blazor.web", ".js"));
        Assert.Equal(0, quickExit);
        Assert.True(blazor > quickExit, $"Scripts in order: {string.Join(", ", scripts)}");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Nothing_is_loaded_from_another_host(string path)
    {
        var page = await LoadAsync(path);

        var addresses = page.QuerySelectorAll("script[src], link[href], img[src], iframe[src], source[src]")
            .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")!)
            .ToList();
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a =>
        {
            Assert.False(a.StartsWith("//", StringComparison.Ordinal), a);
            Assert.False(Uri.TryCreate(a, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"{a} is on another host.");
        });
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("fonts.googleapis", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cdn", string.Join(" ", addresses), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_script_and_stylesheet_the_page_asks_for_is_served_by_the_app()
    {
        var page = await LoadAsync("/");
        using var client = app.CreateClient();

        var addresses = page.QuerySelectorAll("script[src], link[rel=stylesheet][href], link[rel=icon][href]")
            .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")!)
            .ToList();
        var missing = new List<string>();
        foreach (var address in addresses)
        {
            using var response = await client.GetAsync(new Uri("/" + address.TrimStart('/'), UriKind.Relative), TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missing.Add($"{address} → {(int)response.StatusCode}");
            }
        }

        Assert.True(missing.Count == 0, "Not served: " + string.Join("; ", missing));
    }

    [Fact]
    public async Task Pages_ask_not_to_be_indexed_or_to_send_a_referrer()
    {
        var page = await LoadAsync("/");

        Assert.Equal("noindex, nofollow", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Equal("no-referrer", page.QuerySelector("meta[name=referrer]")?.GetAttribute("content"));
    }

    /// <summary>An asset address with or without its fingerprint, e.g. js/quick-exit.abc123.js.</summary>
    private static bool IsAsset(string src, string stem, string extension)
    {
        var path = src.Split('?')[0].TrimStart('/');
        return path.StartsWith(stem, StringComparison.Ordinal) && path.EndsWith(extension, StringComparison.Ordinal)
            && !path[stem.Length..^extension.Length].Contains('/', StringComparison.Ordinal);
    }
}
