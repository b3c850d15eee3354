using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace HealingCompass.LoadRun.Circuits;

/// <summary>
/// N tabs of one browser context (one person), driven together: each command runs in every tab, a few tabs loading at
/// once, and the clicks are timed inside the page, from the click until the page shows the change.
/// </summary>
internal sealed class CircuitTabs(IBrowserContext context, IReadOnlyList<IPage> pages, int concurrency) : IAsyncDisposable
{
    /// <summary>
    /// Clicks the button named <c>button</c>, waits until the element <c>status</c> reads <c>expected</c> (exactly, or
    /// as a prefix) and returns the milliseconds from the click to that change in the page (Blazor has applied the
    /// server's render batch); -1 when there is no such button.
    /// </summary>
    /// <remarks>
    /// Not to the next painted frame: headless Chromium gives the animation frames of tabs it does not show about one a
    /// second, so with many tabs a frame-based "painted" time measures the browser's throttling, not the app. A tab in
    /// front paints the change in its next frame (within about 16 ms).
    /// </remarks>
    private const string TimedClick = """
        async ({ button, status, expected, exact }) => {
          const target = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === button);
          if (!target) return -1;
          const done = () => {
            const s = document.querySelector(status);
            const text = s ? s.textContent.trim() : '';
            return exact ? text === expected : text.startsWith(expected);
          };
          const changed = new Promise((resolve, reject) => {
            const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(); } });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            setTimeout(() => { observer.disconnect(); reject(new Error(`"${expected}" not shown within 30 s`)); }, 30000);
          });
          const start = performance.now();
          target.click();
          await changed;
          return performance.now() - start;
        }
        """;

    public int Count => pages.Count;

    public static async Task<CircuitTabs> OpenAsync(IBrowser browser, int count, int concurrency, Uri? cookiesFor = null, IReadOnlyDictionary<string, string>? cookies = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 412, Height = 915 } });
        if (cookies is not null && cookiesFor is not null)
        {
            await context.AddCookiesAsync(cookies.Select(c => new Cookie
            {
                Name = c.Key, Value = c.Value, Domain = cookiesFor.Host, Path = "/", HttpOnly = true, Secure = false, SameSite = SameSiteAttribute.Strict,
            }));
        }
        var pages = new List<IPage>();
        for (var i = 0; i < count; i++)
        {
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            pages.Add(page);
        }
        return new CircuitTabs(context, pages, concurrency);
    }

    /// <summary>Runs <paramref name="act"/> in every tab, <c>concurrency</c> tabs at a time.</summary>
    public async Task EachAsync(Func<IPage, int, Task> act)
    {
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(pages.Select(async (page, i) =>
        {
            await gate.WaitAsync();
            try
            {
                await act(page, i);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>Every tab leaves its page for about:blank (Blazor sends its disconnect beacon, so the circuit goes at once).</summary>
    public Task BlankAsync() => EachAsync((page, _) => page.GotoAsync("about:blank"));

    /// <summary>
    /// In every tab at once, <paramref name="clicks"/> timed clicks, each after a pause of half to one and a half times
    /// <paramref name="think"/> (a person reading). <paramref name="expect"/> gives, for a tab and its k-th click, the
    /// status text to wait for. Returns every click's milliseconds.
    /// </summary>
    public async Task<List<double>> ClickAsync(string button, string status, Func<int, int, string> expect, bool exact, int clicks, TimeSpan think)
    {
        var times = new ConcurrentBag<double>();
        await Task.WhenAll(pages.Select(async (page, i) =>
        {
            var random = new Random(i);
            for (var k = 1; k <= clicks; k++)
            {
                await Task.Delay(think * (0.5 + random.NextDouble()));
                var ms = await page.EvaluateAsync<double>(TimedClick, new { button, status, expected = expect(i, k), exact });
                if (ms < 0)
                {
                    throw new InvalidOperationException($"No button \"{button}\" in tab {i} at {page.Url}.");
                }
                times.Add(ms);
            }
        }));
        return [.. times];
    }

    /// <summary>
    /// Closes every tab as a person closes one (the page's unload handlers run, so Blazor sends its disconnect beacon).
    /// </summary>
    public async Task CloseAsync()
    {
        await EachAsync((page, _) => page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true }));
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
