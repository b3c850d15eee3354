using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace HealingCompass.LoadRun.Browser;

/// <summary>Debian's Chromium through Playwright (its own Node driver; no browser download).</summary>
internal sealed class PlaywrightDriver : IBrowserDriver
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // The end-to-end tests' flags (Support/BrowserFixture.cs): without the networking ones Chromium keeps
    // trying to reach Google's services on a closed network.
    internal static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly List<IPage> tabs = [];
    private IPlaywright? playwright;
    private IBrowser? browser;
    private IBrowserContext? tabsContext;
    private IBrowserContext? firstLoadContext;

    public async Task<string> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath} (apt-get install chromium).");
        }
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        return browser.Version;
    }

    public async Task<FirstLoadResult> FirstLoadAsync(Uri url, int quietMilliseconds)
    {
        await LeaveFirstLoadAsync();
        firstLoadContext = await NewContextAsync();
        var page = await firstLoadContext.NewPageAsync();
        var network = new NetworkLog();
        var cdp = await firstLoadContext.NewCDPSessionAsync(page);
        network.Attach(cdp);
        await cdp.SendAsync("Network.enable");

        var clock = Stopwatch.StartNew();
        await page.GotoAsync(url.ToString());
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await network.WaitForQuietAsync(TimeSpan.FromMilliseconds(quietMilliseconds), TimeSpan.FromSeconds(20));
        var seconds = clock.Elapsed.TotalSeconds;
        await cdp.DetachAsync();
        // The page stays open, circuit and all, until the next command, so the caller can read the server's
        // byte counts before leaving the page adds a disconnect request and a closing handshake.
        return network.ToResult(seconds);
    }

    public async Task ShowAsync(string url, int count, bool step2, int concurrency)
    {
        await LeaveFirstLoadAsync();
        tabsContext ??= await NewContextAsync();
        while (tabs.Count < count)
        {
            tabs.Add(await tabsContext.NewPageAsync());
        }
        while (tabs.Count > count)
        {
            var extra = tabs[^1];
            tabs.RemoveAt(tabs.Count - 1);
            await extra.GotoAsync("about:blank");
            await extra.CloseAsync();
        }

        var isApp = url.StartsWith("http", StringComparison.Ordinal);
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(tabs.Select(async page =>
        {
            await gate.WaitAsync();
            try
            {
                await page.GotoAsync(url);
                if (!isApp)
                {
                    return;
                }
                await page.Locator("[data-interactive='true']").WaitForAsync();
                if (step2)
                {
                    await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
                    await page.Locator("#hc-progress-label")
                        .Filter(new LocatorFilterOptions { HasTextString = "Step 2 of" })
                        .WaitForAsync();
                }
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await LeaveFirstLoadAsync();
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
    }

    /// <summary>
    /// Leaves the first-load page, then closes its context. Leaving sends Blazor's disconnect beacon; closing
    /// the context alone would drop the socket, and the server would keep the circuit for its 20-minute
    /// reconnection window.
    /// </summary>
    private async Task LeaveFirstLoadAsync()
    {
        if (firstLoadContext is null)
        {
            return;
        }
        foreach (var page in firstLoadContext.Pages)
        {
            await page.GotoAsync("about:blank");
        }
        await firstLoadContext.CloseAsync();
        firstLoadContext = null;
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    /// <summary>Chromium's own network accounting for one page, from DevTools protocol events.</summary>
    private sealed class NetworkLog
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, Entry> requests = [];
        private readonly List<string> order = [];
        private readonly Dictionary<string, SocketEntry> sockets = [];
        private string acceptEncoding = "";
        private long lastActivity = Stopwatch.GetTimestamp();

        public void Attach(ICDPSession cdp)
        {
            On(cdp, "Network.requestWillBeSent", e =>
            {
                var id = e.GetProperty("requestId").GetString()!;
                var request = e.GetProperty("request");
                if (!requests.ContainsKey(id))
                {
                    order.Add(id);
                }
                requests[id] = new Entry
                {
                    Url = request.GetProperty("url").GetString()!,
                    Method = request.GetProperty("method").GetString()!,
                    Type = e.TryGetProperty("type", out var type) ? type.GetString()! : "",
                };
            });
            On(cdp, "Network.requestWillBeSentExtraInfo", e =>
            {
                // The headers as really sent, Accept-Encoding included (the plain event omits it).
                if (acceptEncoding.Length == 0 && TryHeader(e.GetProperty("headers"), "accept-encoding", out var value))
                {
                    acceptEncoding = value;
                }
            });
            On(cdp, "Network.responseReceived", e =>
            {
                if (requests.TryGetValue(e.GetProperty("requestId").GetString()!, out var entry))
                {
                    var response = e.GetProperty("response");
                    entry.Status = response.GetProperty("status").GetInt32();
                    entry.Encoding = TryHeader(response.GetProperty("headers"), "content-encoding", out var value) ? value : "";
                }
            });
            On(cdp, "Network.dataReceived", e =>
            {
                if (requests.TryGetValue(e.GetProperty("requestId").GetString()!, out var entry))
                {
                    entry.Decoded += e.GetProperty("dataLength").GetInt64();
                }
            });
            On(cdp, "Network.loadingFinished", e =>
            {
                if (requests.TryGetValue(e.GetProperty("requestId").GetString()!, out var entry))
                {
                    entry.Transferred = (long)e.GetProperty("encodedDataLength").GetDouble();
                    entry.Done = true;
                }
            });
            On(cdp, "Network.loadingFailed", e =>
            {
                if (requests.TryGetValue(e.GetProperty("requestId").GetString()!, out var entry))
                {
                    entry.Error = e.GetProperty("errorText").GetString();
                    entry.Done = true;
                }
            });
            On(cdp, "Network.webSocketCreated", e =>
                sockets[e.GetProperty("requestId").GetString()!] = new SocketEntry { Url = e.GetProperty("url").GetString()! });
            On(cdp, "Network.webSocketFrameReceived", e => Frame(e, received: true));
            On(cdp, "Network.webSocketFrameSent", e => Frame(e, received: false));
        }

        public async Task WaitForQuietAsync(TimeSpan quiet, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < limit)
            {
                bool pending;
                long last;
                lock (gate)
                {
                    pending = requests.Values.Any(r => !r.Done);
                    last = lastActivity;
                }
                if (!pending && Stopwatch.GetElapsedTime(last) >= quiet)
                {
                    return;
                }
                await Task.Delay(100);
            }
        }

        public FirstLoadResult ToResult(double seconds)
        {
            lock (gate)
            {
                var resources = order
                    .Select(id => requests[id])
                    .Where(r => !r.Url.StartsWith("ws", StringComparison.Ordinal))
                    .Select(r => new ResourceLoad(r.Url, r.Type, r.Method, r.Status, r.Encoding, r.Transferred, r.Decoded, r.Error))
                    .ToList();
                var socketLoads = sockets.Values
                    .Select(s => new WebSocketLoad(s.Url, s.FramesReceived, s.PayloadReceived, s.FramesSent, s.PayloadSent))
                    .ToList();
                return new FirstLoadResult(acceptEncoding, resources, socketLoads, seconds);
            }
        }

        private void On(ICDPSession cdp, string name, Action<JsonElement> handle) =>
            cdp.Event(name).OnEvent += (_, payload) =>
            {
                if (payload is not { } element)
                {
                    return;
                }
                lock (gate)
                {
                    handle(element);
                    lastActivity = Stopwatch.GetTimestamp();
                }
            };

        private void Frame(JsonElement e, bool received)
        {
            if (!sockets.TryGetValue(e.GetProperty("requestId").GetString()!, out var socket))
            {
                return;
            }
            var response = e.GetProperty("response");
            var data = response.GetProperty("payloadData").GetString() ?? "";
            // Binary frames (opcode 2: Blazor's MessagePack protocol) arrive base64-encoded.
            long length = response.GetProperty("opcode").GetDouble() == 2 ? Convert.FromBase64String(data).Length : System.Text.Encoding.UTF8.GetByteCount(data);
            if (received)
            {
                socket.FramesReceived++;
                socket.PayloadReceived += length;
            }
            else
            {
                socket.FramesSent++;
                socket.PayloadSent += length;
            }
        }

        private static bool TryHeader(JsonElement headers, string name, out string value)
        {
            foreach (var header in headers.EnumerateObject())
            {
                if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = header.Value.GetString() ?? "";
                    return true;
                }
            }
            value = "";
            return false;
        }

        private sealed class Entry
        {
            public string Url { get; init; } = "";

            public string Method { get; init; } = "";

            public string Type { get; init; } = "";

            public int Status { get; set; }

            public string Encoding { get; set; } = "";

            public long Transferred { get; set; }

            public long Decoded { get; set; }

            public string? Error { get; set; }

            public bool Done { get; set; }
        }

        private sealed class SocketEntry
        {
            public string Url { get; init; } = "";

            public int FramesReceived { get; set; }

            public long PayloadReceived { get; set; }

            public int FramesSent { get; set; }

            public long PayloadSent { get; set; }
        }
    }
}
