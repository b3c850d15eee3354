using System.Net;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Safety;

/// <summary>Every page, as the real app serves it: headers that keep a visit off the device and away from third parties.</summary>
public sealed class PrivacyHeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> Pages => ["/", "/assessment", "/results", "/plan", "/resources", "/browsing-safely"];

    /// <summary>The only sources a policy may name: this app's own origin, inline styles for MudBlazor, data: images, or nothing.</summary>
    private static readonly HashSet<string> AllowedSources = ["'self'", "'unsafe-inline'", "'none'", "data:"];

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var client = app.CreateClient();
        return await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_is_served(string path)
    {
        using var response = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_allows_content_from_its_own_origin_only(string path)
    {
        using var response = await GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http:", policy, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", policy, StringComparison.OrdinalIgnoreCase);
        foreach (var directive in policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var sources = directive.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1);
            Assert.All(sources, s => Assert.Contains(s, AllowedSources));
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_sends_no_referrer_is_never_stored_and_is_not_sniffed(string path)
    {
        using var response = await GetAsync(path);

        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("geolocation=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quick_exit_script_is_served_with_the_same_protections()
    {
        using var response = await GetAsync("/js/quick-exit.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_kind_not_found_page_with_no_technical_detail()
    {
        using var response = await GetAsync("/no-such-page/here");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We couldn't find that page", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("Nothing you entered has been lost.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
