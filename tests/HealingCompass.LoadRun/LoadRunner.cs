using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Runtime;
using System.Text.Json;
using HealingCompass.LoadRun.Browser;
using HealingCompass.LoadRun.Hosting;

namespace HealingCompass.LoadRun;

/// <summary>One heap scenario: N tabs on this page of the app.</summary>
internal sealed record Scenario(string Name, string Path, bool Step2, bool Extra);

/// <summary>One measurement: the heap with N tabs on about:blank, then with the same N tabs on the scenario.</summary>
internal sealed record HeapSample(Scenario Scenario, int Repeat, long BlankHeap, long ScenarioHeap, int Tabs, int ConnectedAtReading, int OpenBeforeBaseline)
{
    public double PerCircuitBytes => (ScenarioHeap - BlankHeap) / (double)Tabs;
}

/// <summary>
/// A first-load response and, for a static file, its body as served (encoded) and as gzip and brotli would
/// make it (gzip: the served body when it already is gzip).
/// </summary>
/// <param name="Load">The response as Chromium counted it.</param>
/// <param name="EncodedBody">The body as served to the same Accept-Encoding.</param>
/// <param name="GzipBody">The body gzip-compressed.</param>
/// <param name="BrotliBody">The body brotli-compressed.</param>
/// <param name="CompressedEndpoints">How many compressed variants the static web assets manifest maps to this URL.</param>
internal sealed record SizedResource(ResourceLoad Load, long? EncodedBody, long? GzipBody, long? BrotliBody, int? CompressedEndpoints);

/// <summary>One page's first load in a fresh browser context: what Chromium counted, each file sized, Kestrel's bytes.</summary>
internal sealed record FirstLoadPage(string Path, FirstLoadResult Load, IReadOnlyList<SizedResource> Resources, IReadOnlyList<WireCounter.ConnectionBytes> Wire);

internal sealed record RunResults(
    RunOptions Options,
    DateTime StartedUtc,
    TimeSpan Elapsed,
    string ChromiumVersion,
    IReadOnlyList<FirstLoadPage> FirstLoads,
    IReadOnlyList<Scenario> Scenarios,
    IReadOnlyList<HeapSample> Samples);

/// <summary>The run: warm up, measure the first load, then the heap scenarios, in one process.</summary>
internal static class LoadRunner
{
    public const string BarePath = "/browsing-safely";
    public const int QuietMilliseconds = 2000;

    /// <summary>The pages whose first load is measured (issue 15: both within the budget).</summary>
    public static readonly string[] FirstLoadPaths = ["/", "/assessment"];

    /// <summary>Rounds the comparison-only scenarios take part in, so a run with 40 tabs stays under 3 minutes.</summary>
    public const int ExtraRounds = 2;

    private static readonly Scenario[] AllScenarios =
    [
        new("Bare page", BarePath, Step2: false, Extra: false),
        new("Walk-through, first screen", "/assessment", Step2: false, Extra: false),
        new("Walk-through, step 2 (safety check, 6 questions)", "/assessment", Step2: true, Extra: false),
        new("Welcome page", "/", Step2: false, Extra: true),
        new("Get support (resources)", "/resources", Step2: false, Extra: true),
    ];

    private static readonly Stopwatch Clock = new();

    public static async Task<RunResults> RunAsync(RunOptions options)
    {
        var started = DateTime.UtcNow;
        Clock.Restart();
        var scenarios = AllScenarios.Where(s => options.Extras || !s.Extra).ToList();
        var tabs = options.Tabs;

        using var host = LoadRunHost.Start();
        await using IBrowserDriver browser = options.InProcessBrowser ? new PlaywrightDriver() : ChildProcessDriver.Start();
        var chromium = await browser.StartAsync();
        Log($"App at {host.BaseAddress}; Chromium {chromium}; browser driver {(options.InProcessBrowser ? "in this process" : "in a child process")}.");

        // Warm-up: JIT, MudBlazor's and Blazor's per-type caches, the content catalogue, Serilog's template
        // cache. Without it the first scenario would be charged for one-off, per-process work.
        var warm = Math.Min(4, tabs);
        foreach (var scenario in scenarios)
        {
            await browser.ShowAsync(Url(host, scenario.Path), warm, scenario.Step2, options.Concurrency);
        }
        await ToBlankAsync(host, browser, warm, options);
        Log("Warmed up.");

        // The welcome page, where most people arrive, and the walk-through, where a link from a helpline's page may
        // send them straight: each in a context of its own, with an empty cache.
        var firstLoads = new List<FirstLoadPage>();
        foreach (var path in FirstLoadPaths)
        {
            host.Wire.Start();
            var firstLoad = await browser.FirstLoadAsync(new Uri(host.BaseAddress, path), QuietMilliseconds);
            var wire = host.Wire.Stop();
            firstLoads.Add(new FirstLoadPage(path, firstLoad, await SizeAsync(host.BaseAddress, firstLoad.Resources), wire));
            Log($"First load of {path}: {firstLoad.Resources.Sum(r => r.Transferred):N0} bytes over HTTP, {wire.Count} connections.");
        }

        var samples = new List<HeapSample>();
        for (var repeat = 1; repeat <= options.Repeats; repeat++)
        {
            foreach (var scenario in scenarios.Where(s => !s.Extra || repeat <= ExtraRounds))
            {
                var openBefore = await ToBlankAsync(host, browser, tabs, options);
                await Task.Delay(1000);
                var blank = ManagedHeap();
                var blankPinned = PinnedAndLarge();
                await HoldAsync(options, $"{tabs} tabs on about:blank before {scenario.Name}");

                await browser.ShowAsync(Url(host, scenario.Path), tabs, scenario.Step2, options.Concurrency);
                await host.Circuits.WaitForAsync(tabs, tabs, TimeSpan.FromSeconds(10));
                await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
                var connected = host.Circuits.Connected;
                var heap = ManagedHeap();
                var pinned = PinnedAndLarge();

                await HoldAsync(options, $"{tabs} tabs on {scenario.Name}");
                var sample = new HeapSample(scenario, repeat, blank, heap, tabs, connected, openBefore);
                samples.Add(sample);
                Log($"Run {repeat}, {scenario.Name}: blank {blank / 1048576.0:F1} MB, scenario {heap / 1048576.0:F1} MB, " +
                    $"{sample.PerCircuitBytes / 1024:F1} KB per circuit ({connected} connected; {openBefore} open before baseline); " +
                    $"LOH+POH after GC {blankPinned} → {pinned}.");
            }
        }
        await ToBlankAsync(host, browser, tabs, options);

        return new RunResults(options, started, Clock.Elapsed, chromium, firstLoads, scenarios, samples);
    }

    /// <summary>
    /// Two forced, blocking, compacting full collections (large object heap included), finalizers run in
    /// between, then the live managed heap.
    /// </summary>
    public static long ManagedHeap()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>With --hold, keeps the current state for a while so a gcdump can be taken of this process.</summary>
    private static async Task HoldAsync(RunOptions options, string state)
    {
        if (options.HoldSeconds > 0)
        {
            Log($"Holding {options.HoldSeconds} s, {state} (process {Environment.ProcessId}).");
            await Task.Delay(TimeSpan.FromSeconds(options.HoldSeconds));
        }
    }

    /// <summary>Large and pinned object heaps after the last collection, for the log.</summary>
    private static string PinnedAndLarge()
    {
        var info = GC.GetGCMemoryInfo();
        return $"{info.GenerationInfo[3].SizeAfterBytes / 1048576.0:F2}+{info.GenerationInfo[4].SizeAfterBytes / 1048576.0:F2} MB";
    }

    private static string Url(LoadRunHost host, string path) => new Uri(host.BaseAddress, path).ToString();

    /// <summary>
    /// Moves every tab to about:blank. Leaving the page sends Blazor's disconnect beacon, so the server
    /// disposes the circuit at once instead of keeping it for the 20-minute reconnection window. Returns how
    /// many circuits are still open after waiting (0 when clean).
    /// </summary>
    private static async Task<int> ToBlankAsync(LoadRunHost host, IBrowserDriver browser, int tabs, RunOptions options)
    {
        await browser.ShowAsync("about:blank", tabs, step2: false, options.Concurrency);
        if (!await host.Circuits.WaitForAsync(0, 0, TimeSpan.FromSeconds(30)))
        {
            Log($"Warning: {host.Circuits.Open} circuits still open ({host.Circuits.Connected} connected) after leaving the pages.");
        }
        return host.Circuits.Open;
    }

    /// <summary>
    /// For each same-origin file of the first load: its encoded body as served now (gzip from the build
    /// output, or nothing), and what gzip (smallest size) and brotli (quality 11, as `dotnet publish`
    /// precompresses) make of the plain file.
    /// </summary>
    private static async Task<IReadOnlyList<SizedResource>> SizeAsync(Uri baseAddress, IReadOnlyList<ResourceLoad> resources)
    {
        using var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler);
        var sized = new List<SizedResource>();
        foreach (var resource in resources)
        {
            var url = new Uri(resource.Url);
            if (resource.Method != "GET" || resource.Status != 200 || url.Authority != baseAddress.Authority || resource.Type == "Document")
            {
                sized.Add(new SizedResource(resource, null, null, null, null));
                continue;
            }
            using var encodedRequest = new HttpRequestMessage(HttpMethod.Get, url);
            if (resource.ContentEncoding.Length > 0)
            {
                encodedRequest.Headers.TryAddWithoutValidation("Accept-Encoding", resource.ContentEncoding);
            }
            using var encodedResponse = await client.SendAsync(encodedRequest);
            var encoded = (await encodedResponse.Content.ReadAsByteArrayAsync()).LongLength;

            var plain = await client.GetByteArrayAsync(url);
            var gzip = resource.ContentEncoding == "gzip" ? encoded : GzipLength(plain);
            var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(plain.Length)];
            long? brotli = BrotliEncoder.TryCompress(plain, buffer, out var written, quality: 11, window: 22) ? written : null;
            sized.Add(new SizedResource(resource, encoded, gzip, brotli, CompressedEndpoints(url.AbsolutePath.TrimStart('/'))));
        }
        return sized;
    }

    /// <summary>
    /// Endpoints for this route in the app's static web assets manifest (the file MapStaticAssets reads) that
    /// select on Content-Encoding, i.e. the compressed variants the server can negotiate.
    /// </summary>
    private static int CompressedEndpoints(string route)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "HealingCompass.Web.staticwebassets.endpoints.json");
        using var stream = File.OpenRead(path);
        using var manifest = JsonDocument.Parse(stream);
        return manifest.RootElement.GetProperty("Endpoints").EnumerateArray()
            .Where(e => e.GetProperty("Route").GetString() == route)
            .Count(e => e.TryGetProperty("Selectors", out var selectors) &&
                selectors.EnumerateArray().Any(s => s.GetProperty("Name").GetString() == "Content-Encoding"));
    }

    private static long GzipLength(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(plain);
        }
        return output.Length;
    }

    private static void Log(string message) =>
        Console.Error.WriteLine($"[{Clock.Elapsed:mm\\:ss}] {message}");
}
