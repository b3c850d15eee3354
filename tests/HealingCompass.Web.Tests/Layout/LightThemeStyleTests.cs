using Microsoft.Extensions.DependencyInjection;
using AngleSharp.Html.Parser;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Layout;

/// <summary>The light theme's variables are in every page's head, built once per process rather than per request.</summary>
public sealed class LightThemeStyleTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/verify")]
    [InlineData("/account/login")]
    public async Task Every_page_head_carries_the_light_theme_variables_with_the_brand_colour(string path)
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        var styles = new HtmlParser().ParseDocument(html).Head!.QuerySelectorAll("style").Select(s => s.TextContent).ToList();
        var theme = Assert.Single(styles, s => s.Contains("--mud-palette-primary:", StringComparison.Ordinal));
        // #2A5D67, the theme's primary colour, as MudBlazor writes it.
        Assert.Contains("rgba(42,93,103,1)", theme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_requests_get_the_very_same_theme_markup_from_one_build()
    {
        using var client = app.CreateClient();
        var first = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var second = await client.GetStringAsync(new Uri("/resources", UriKind.Relative), TestContext.Current.CancellationToken);

        static string Theme(string html) => new HtmlParser().ParseDocument(html).Head!.QuerySelectorAll("style")
            .Select(s => s.TextContent).Single(s => s.Contains("--mud-palette-primary:", StringComparison.Ordinal));
        Assert.Equal(Theme(first), Theme(second));
        var style = app.Services.GetRequiredService<HealingCompass.Web.Components.Layout.LightThemeStyle>();
        // Built once: every read hands out the same string, not a new rendering.
        Assert.Same(style.Markup.Value, style.Markup.Value);
        Assert.Contains(Theme(first), style.Markup.Value, StringComparison.Ordinal);
    }
}
