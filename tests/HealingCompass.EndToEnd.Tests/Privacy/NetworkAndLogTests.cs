using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Privacy;

/// <summary>No request leaves for a third party, and nothing the person types reaches the server's logs.</summary>
public sealed class NetworkAndLogTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_whole_journey_makes_requests_only_to_the_app_itself()
    {
        var page = await fixture.NewPageAsync();
        var hosts = new System.Collections.Concurrent.ConcurrentBag<string>();
        page.Context.Request += (_, request) => hosts.Add(new Uri(request.Url).Authority);
        page.WebSocket += (_, socket) => hosts.Add(new Uri(socket.Url).Authority);

        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Get support" }).ClickAsync();
        await page.Locator("#region-page").SelectOptionAsync("region.au");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Helplines in Australia" }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Browsing safely" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Browsing more safely" }).WaitForAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await Journey.AnswerEverythingAsync(page, "yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my plan" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your plan", Level = 1 }).WaitForAsync();

        Assert.NotEmpty(hosts);
        Assert.All(hosts, host => Assert.Equal(fixture.App.BaseAddress.Authority, host));
    }

    [Fact]
    public async Task What_a_person_types_never_appears_in_the_logs_even_at_the_most_verbose_level()
    {
        const string Sentinel = "sentinel-7f3a-he-took-my-phone";
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await Journey.AnswerEverythingAsync(page, "yes", reflectionNote: Sentinel);
        Assert.Contains(Sentinel, await page.Locator(".hc-reflections").TextContentAsync(), StringComparison.Ordinal);

        var log = fixture.App.ReadLog();
        Assert.Contains("/assessment", log, StringComparison.Ordinal); // the log is really being written
        Assert.DoesNotContain(Sentinel, log, StringComparison.Ordinal);
        Assert.DoesNotContain("safety.threats_to_kill", log, StringComparison.Ordinal);
    }
}
