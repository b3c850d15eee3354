using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(HealingCompass.EndToEnd.Tests.Support.BrowserFixture))]

namespace HealingCompass.EndToEnd.Tests.Support;

/// <summary>
/// One app and one Debian Chromium for the whole run; every test gets its own browser context, so no
/// cookies, storage or circuits are shared between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's package; Playwright's own browser download is never used.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    // Without the networking flags Chromium keeps trying to reach Google's services on a closed network.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private IPlaywright? playwright;

    public AppHost App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}. The README's test command installs it (apt-get install chromium).");
        }
        // Servers, Playwright's event pump and route handlers (the quick-exit site is answered by one) all
        // share this process's thread pool; on two busy cores its slow growth can starve them for seconds.
        ThreadPool.GetMinThreads(out var workers, out var completion);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completion, 32));
        App = AppHost.Start();
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(playwright);
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });

    /// <summary>A fresh, isolated tab at the given viewport, with the quick-exit site answered locally.</summary>
    public Task<IPage> NewPageAsync(int width = 1280, int height = 900) => NewPageAsync(Browser, width, height);

    public static async Task<IPage> NewPageAsync(IBrowser browser, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            // The app honours reduced motion by dropping transitions, so scans never see half-faded colours.
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(15_000);
        await context.RouteAsync("https://neutral.test/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html",
            Body = "<!DOCTYPE html><html lang=\"en\"><head><title>Weather</title></head><body><h1>Weather</h1></body></html>",
        }));
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        App?.Dispose();
    }
}
