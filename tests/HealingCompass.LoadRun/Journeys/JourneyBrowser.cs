using System.Collections.Concurrent;
using System.Diagnostics;
using HealingCompass.LoadRun.Browser;
using Microsoft.Playwright;

namespace HealingCompass.LoadRun.Journeys;

/// <summary>What the browser side is asked to do: the app's address, each person's cookies, how many tabs at once, for how long.</summary>
internal sealed record JourneyPlan(string BaseUrl, IReadOnlyList<IReadOnlyDictionary<string, string>> People, int Tabs, double Seconds);

/// <summary>Every action's wall times (ms), the errors by kind with the first few messages, and how many rounds ran.</summary>
internal sealed record JourneyResult(
    Dictionary<string, List<double>> Timings,
    Dictionary<string, int> Errors,
    List<string> FirstErrors,
    int Rounds,
    int PeopleSeen,
    int ServerErrors,
    string BrowserVersion);

/// <summary>
/// The browser side of the journeys run, in the child process: <see cref="JourneyPlan.Tabs"/> workers, each one
/// tab at a time. A worker takes the next person (round robin over all of them), opens a fresh context with that
/// person's cookies and one page, goes through the three journeys, closes the context (so the circuit goes), and
/// takes the next person, until the time is up. Each action is timed from the click (or file choice) until the
/// next screen or confirmation is in the page, as Playwright sees it (it polls on animation frames).
/// </summary>
internal static class JourneyBrowser
{
    public const string WalkStep = "walk-through step (Next or Back)";
    public const string EntrySave = "journal entry save";
    public const string FileAdd = "file added to the entry";
    public const string CheckInSave = "check-in save";
    public const string Open = "page opened until interactive";

    private const float Timeout = 30_000;

    public static async Task<JourneyResult> RunAsync(JourneyPlan plan)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = PlaywrightDriver.ChromiumPath,
            Headless = true,
            Args = PlaywrightDriver.ChromiumArgs,
        });
        var timings = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var errors = new ConcurrentDictionary<string, int>();
        var firstErrors = new ConcurrentQueue<string>();
        var serverErrors = 0;
        var rounds = 0;
        var next = -1;
        var seen = new ConcurrentDictionary<int, bool>();
        var png = Png.Small();
        var stop = Stopwatch.StartNew();
        var baseUri = new Uri(plan.BaseUrl);

        void Record(string action, double ms) => timings.GetOrAdd(action, _ => []).Add(ms);
        void Fail(string action, string why)
        {
            errors.AddOrUpdate(action, 1, (_, n) => n + 1);
            if (firstErrors.Count < 10)
            {
                firstErrors.Enqueue($"{action}: {why}");
            }
        }

        await Task.WhenAll(Enumerable.Range(0, plan.Tabs).Select(async _ =>
        {
            // At least one round per tab, so a warm-up of a moment still goes through everything once.
            do
            {
                var index = Interlocked.Increment(ref next) % plan.People.Count;
                seen[index] = true;
                await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1000, Height = 800 } });
                await context.AddCookiesAsync(plan.People[index].Select(c => new Cookie
                {
                    Name = c.Key, Value = c.Value, Domain = baseUri.Host, Path = "/", HttpOnly = true, Secure = false, SameSite = SameSiteAttribute.Strict,
                }));
                var page = await context.NewPageAsync();
                page.SetDefaultTimeout(Timeout);
                page.Response += (_, response) =>
                {
                    if (response.Status >= 500)
                    {
                        Interlocked.Increment(ref serverErrors);
                        Fail("HTTP 5xx", $"{response.Status} {new Uri(response.Url).AbsolutePath}");
                    }
                };
                var current = Open;
                try
                {
                    await TimedAsync(current, async () =>
                    {
                        await page.GotoAsync(new Uri(baseUri, "/assessment").ToString());
                        await page.Locator("[data-interactive='true']").WaitForAsync();
                    });

                    // The walk-through: three steps forward, or back when too near the end (a resumed draft).
                    current = WalkStep;
                    var (step, steps) = await StepAsync(page);
                    var forward = step + 3 <= steps;
                    for (var k = 0; k < 3; k++)
                    {
                        var target = forward ? step + 1 : step - 1;
                        var button = page.GetByRole(AriaRole.Button, new() { Name = forward ? "Next" : "Back", Exact = true });
                        await TimedAsync(current, async () =>
                        {
                            await button.ClickAsync();
                            await page.Locator("#hc-progress-label").Filter(new() { HasTextString = $"Step {target} of" }).WaitForAsync();
                        });
                        step = target;
                        await ErrorUiAsync(page);
                    }

                    // A journal entry, saved, then a small PNG added to it.
                    current = Open;
                    await TimedAsync(current, async () =>
                    {
                        await page.GotoAsync(new Uri(baseUri, "/journal-write").ToString());
                        await page.Locator("[data-interactive='true']").WaitForAsync();
                    });
                    current = EntrySave;
                    var what = page.GetByLabel("What happened");
                    await what.FillAsync("Raised voice in the kitchen again, and the door slammed behind him");
                    await page.GetByLabel("How hard it was for you").SelectOptionAsync("3");
                    await page.GetByLabel("Were children there?").SelectOptionAsync("no");
                    await TimedAsync(current, async () =>
                    {
                        await page.GetByRole(AriaRole.Button, new() { Name = "Save this entry" }).ClickAsync();
                        await page.GetByRole(AriaRole.Heading, new() { Name = "Journal entry" }).WaitForAsync();
                    });
                    await ErrorUiAsync(page);
                    current = FileAdd;
                    var input = page.Locator("#entry-file");
                    await input.WaitForAsync(new() { State = WaitForSelectorState.Attached });
                    // Blazor's InputFile listens for the choice only once its script has run (after the first render,
                    // one round trip later): a person cannot choose a file that fast, a script can.
                    await page.WaitForFunctionAsync("() => document.getElementById('entry-file')?._blazorInputFileNextFileId !== undefined");
                    await TimedAsync(current, async () =>
                    {
                        await input.SetInputFilesAsync(new FilePayload { Name = "kitchen.png", MimeType = "image/png", Buffer = png });
                        await page.GetByText("Added “kitchen.png”").WaitForAsync();
                    });
                    await ErrorUiAsync(page);

                    // A check-in (the form posts; the answer page says it is saved).
                    current = Open;
                    await TimedAsync(current, async () =>
                    {
                        await page.GotoAsync(new Uri(baseUri, "/check-in").ToString());
                        await page.Locator("#weekFelt-3").WaitForAsync();
                    });
                    current = CheckInSave;
                    await page.Locator("#weekFelt-3").CheckAsync();
                    await page.Locator("#feltSafe-4").CheckAsync();
                    await page.Locator("input[name=kept]").First.CheckAsync();
                    await TimedAsync(current, async () =>
                    {
                        await page.GetByRole(AriaRole.Button, new() { Name = "Save my check-in" }).ClickAsync();
                        await page.Locator("[data-check-in-saved]").WaitForAsync();
                    });
                    await ErrorUiAsync(page);
                    Interlocked.Increment(ref rounds);
                }
                catch (Exception exception) when (exception is PlaywrightException or TimeoutException or InvalidOperationException)
                {
                    Fail(current, $"{exception.Message.Split('\n')[0]} at {DateTime.UtcNow:HH:mm:ss.fff} UTC; the page showed: {await DescribeAsync(page)}");
                }
                // Leaving the page sends Blazor's disconnect beacon, so the circuit is disposed at once.
                try
                {
                    await page.GotoAsync("about:blank");
                }
                catch (PlaywrightException exception)
                {
                    Fail("leaving the page", exception.Message.Split('\n')[0]);
                }
            }
            while (stop.Elapsed.TotalSeconds < plan.Seconds);
        }));

        return new JourneyResult(
            timings.ToDictionary(t => t.Key, t => t.Value.ToList()),
            errors.ToDictionary(e => e.Key, e => e.Value),
            [.. firstErrors],
            rounds,
            seen.Count,
            serverErrors,
            browser.Version);

        async Task TimedAsync(string action, Func<Task> act)
        {
            var watch = Stopwatch.StartNew();
            await act();
            Record(action, watch.Elapsed.TotalMilliseconds);
        }
    }

    private static async Task<(int Step, int Steps)> StepAsync(IPage page)
    {
        // "Step 3 of 14: …"
        var text = await page.Locator("#hc-progress-label").InnerTextAsync();
        var parts = text.Split(' ', 5);
        return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[3].TrimEnd(':'), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// What the page showed when a wait failed, so a failure can be told apart: its address, Blazor's reconnect
    /// banner and its state, any alert, the disabled buttons and whether the file input is wired up.
    /// </summary>
    private static async Task<string> DescribeAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string>("""
                () => {
                  const modal = document.getElementById('components-reconnect-modal');
                  const alerts = [...document.querySelectorAll('[role=alert]')].map(a => a.innerText.trim().slice(0, 120)).filter(t => t);
                  const disabled = [...document.querySelectorAll('button[disabled]')].map(b => b.innerText.trim()).filter(t => t);
                  const file = document.getElementById('entry-file');
                  const h1 = document.querySelector('h1');
                  return [
                    'url=' + location.pathname + location.search,
                    'h1=' + (h1 ? h1.innerText.trim() : '-'),
                    'reconnect=' + (modal ? (modal.className || 'hidden') : 'none'),
                    'alerts=' + JSON.stringify(alerts),
                    'disabled=' + JSON.stringify(disabled),
                    'file-input=' + (file ? (file._blazorInputFileNextFileId !== undefined ? 'wired' : 'not-wired') + ',' + file.files.length : 'none'),
                    'status=' + JSON.stringify([...document.querySelectorAll('[role=status]')].map(a => a.innerText.trim().slice(0, 80)).filter(t => t)),
                  ].join(' ');
                }
                """);
        }
        catch (PlaywrightException exception)
        {
            return "(could not read the page: " + exception.Message.Split('\n')[0] + ")";
        }
    }

    /// <summary>Blazor's error bar showing counts as a failed action.</summary>
    private static async Task ErrorUiAsync(IPage page)
    {
        if (await page.Locator("#blazor-error-ui").IsVisibleAsync())
        {
            throw new InvalidOperationException("Blazor's error bar (#blazor-error-ui) is showing.");
        }
    }
}
