using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace HealingCompass.LoadRun;

/// <summary>The figures as markdown, and the idempotent rewrite of their section in docs/performance.md.</summary>
internal static class Report
{
    private const string SectionKey = "loadrun";
    /// <summary>Issue 15's budget for the first load of `/` and of `/assessment` (issue 3's was 200 KB for `/`).</summary>
    public const double FirstLoadBudgetBytes = 150 * 1024;
    public const double CircuitBudgetBytes = 300 * 1024;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Written once, above the markers, when the file has no load-run section yet.</summary>
    private const string SectionIntro = """
        ## Web app: first load and memory per circuit (issue 3)

        Budgets: the first load of the welcome page `/` and of the walk-through `/assessment` ≤ **150 KB** each,
        transferred (compressed; issue 3 set 200 KB for `/`, issue 15 lowered it), and the managed
        heap per idle interactive circuit on the walk-through `/assessment` ≤ **300 KB**. Both are measured by
        a bounded load run (a console program, not a test) that hosts the real app on real Kestrel in its own
        process and drives Debian's Chromium; every figure below comes from one run, and the per-circuit
        figures are also given as ratios to a bare page of the same app measured in that run.
        The section between the markers is rewritten by the load run:

        ```bash
        dotnet run -c Release --project tests/HealingCompass.LoadRun -- --tabs 40 --write docs/performance.md
        ```
        """;

    public static string Markdown(RunResults run)
    {
        var text = new StringBuilder();
        Line(text, $"### Measured {run.StartedUtc:yyyy-MM-dd}");
        Line(text);
        var flags = $"--tabs {run.Options.Tabs} --repeats {run.Options.Repeats} --idle {run.Options.IdleSeconds}" +
            (run.Options.Extras ? "" : " --no-extras") + (run.Options.InProcessBrowser ? " --in-process-browser" : "");
        Line(text, $"{Machine(run.ChromiumVersion)}. Whole run {run.Elapsed.TotalSeconds:F0} s (`{flags}`). " +
            $"{Source()} 1 KB = 1,024 bytes.");
        Line(text);
        foreach (var page in run.FirstLoads)
        {
            FirstLoad(text, page);
        }
        Heap(text, run);
        return text.ToString();
    }

    /// <summary>Replaces the text between the markers, or appends the section with its markers.</summary>
    public static void WriteSection(string path, string markdown)
    {
        if (File.ReadAllText(path).Contains(MarkdownSection.Start(SectionKey), StringComparison.Ordinal)
            && MarkdownSection.TryReplace(path, SectionKey, markdown))
        {
            return;
        }
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        File.WriteAllText(path, $"{text.TrimEnd()}\n\n{SectionIntro.TrimEnd()}\n\n{MarkdownSection.Start(SectionKey)}\n{markdown.TrimEnd()}\n{MarkdownSection.End(SectionKey)}\n");
    }

    private static void FirstLoad(StringBuilder text, FirstLoadPage page)
    {
        var load = page.Load;
        var http = load.Resources.Sum(r => r.Transferred);
        var sockets = page.Wire.Where(IsWebSocket).ToList();
        var socketOut = sockets.Sum(c => c.BytesOut);
        var total = http + socketOut;
        var serverHttpOut = page.Wire.Where(c => !IsWebSocket(c)).Sum(c => c.BytesOut);

        Line(text, $"#### First load of `{page.Path}` (budget ≤ {FirstLoadBudgetBytes / 1024:F0} KB transferred, compressed)");
        Line(text);
        Line(text, $"A fresh browser context (empty cache) opens `{page.Path}` and waits until the circuit is interactive and the " +
            $"network has been quiet for {LoadRunner.QuietMilliseconds / 1000} s ({load.Seconds:F1} s in all). Chromium sent " +
            $"`Accept-Encoding: {load.AcceptEncoding}`. The app runs from its Release build output in Development, so static " +
            "files are served precompressed with gzip (brotli files only exist after `dotnet publish`). " +
            "*Transferred* is Chromium's `Network.loadingFinished.encodedDataLength` (status line, headers and encoded " +
            "body, the DevTools \"transferred\" figure); the WebSocket row is the upgrade response plus every frame the " +
            "server sent until the end of the load, counted on Kestrel's connection (Chromium reports frames only after " +
            "decompression). *gzip* and *br* are what each file's body would be with that encoding (gzip as served " +
            "when it is; otherwise gzip at smallest size and brotli at quality 11, as publish precompresses, computed here).");
        Line(text);
        Line(text, "| # | Response | Type | Status | Encoding | Transferred | Encoded body | Decoded body | gzip | br |");
        Line(text, "| ---: | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        var index = 0;
        foreach (var sized in page.Resources)
        {
            var r = sized.Load;
            var status = r.Error is null ? r.Status.ToString(Invariant) : $"failed: {r.Error}";
            var encoding = r.ContentEncoding.Length == 0 ? "none" : r.ContentEncoding;
            Line(text, $"| {++index} | `{ShortUrl(r.Url)}` | {r.Type} | {status} | {(encoding == "none" && sized.EncodedBody > 1024 ? "**none**" : encoding)} | " +
                $"{Kb(r.Transferred)} | {Kb(sized.EncodedBody)} | {Kb(r.Decoded)} | {Kb(sized.GzipBody)} | {Kb(sized.BrotliBody)} |");
        }
        foreach (var socket in load.WebSockets)
        {
            Line(text, $"| {++index} | `{ShortUrl(socket.Url)}` (WebSocket) | WebSocket | 101 | permessage-deflate | {Kb(socketOut)} | | " +
                $"{Kb(socket.PayloadReceived)} in {socket.FramesReceived} frames | | |");
        }
        Line(text, $"| | **Total** | | | | **{Kb(total)}** | | {Kb(load.Resources.Sum(r => r.Decoded) + load.WebSockets.Sum(s => s.PayloadReceived))} | | |");
        Line(text);

        var statics = page.Resources.Where(s => s.EncodedBody is not null).ToList();
        var uncompressed = statics.Where(s => s.Load.ContentEncoding.Length == 0 && s.EncodedBody > 1024).ToList();
        var allGzip = total - statics.Sum(s => s.EncodedBody!.Value - (s.GzipBody ?? s.EncodedBody!.Value));
        var allBrotli = total - statics.Sum(s => s.EncodedBody!.Value - (s.BrotliBody ?? s.EncodedBody!.Value));
        Line(text, $"**`{page.Path}`: {Kb(total)} transferred, {Ratio(total / FirstLoadBudgetBytes)} of the {FirstLoadBudgetBytes / 1024:F0} KB budget " +
            $"({(total <= FirstLoadBudgetBytes ? "within budget" : "OVER BUDGET")}).** " +
            $"HTTP responses {Kb(http)} ({load.Resources.Count} responses; Kestrel wrote {Kb(serverHttpOut)} on those connections), " +
            $"WebSocket {Kb(socketOut)} ({sockets.Count} connection); the browser sent {Kb(page.Wire.Sum(c => c.BytesIn))} of requests.");
        Line(text);
        if (uncompressed.Count > 0)
        {
            var noVariant = uncompressed.All(s => s.CompressedEndpoints == 0);
            Line(text, $"Served uncompressed although Chromium accepted gzip, br and zstd: " +
                $"{string.Join(", ", uncompressed.Select(s => $"`{ShortUrl(s.Load.Url)}` ({Kb(s.EncodedBody)})"))}." +
                (noVariant ? " The app's static web assets endpoint manifest (what MapStaticAssets serves from) maps no compressed variant to these URLs." : ""));
            Line(text);
        }
        Line(text, $"Estimates from the same run, with every static file served compressed: gzip {Kb(allGzip)} " +
            $"({Ratio(allGzip / FirstLoadBudgetBytes)} of the budget); brotli, which a published app can negotiate with Chromium, " +
            $"{Kb(allBrotli)} ({Ratio(allBrotli / FirstLoadBudgetBytes)})." +
            (load.Resources.FirstOrDefault(r => r.Type == "Document") is { ContentEncoding.Length: 0 } document
                ? $" The document ({Kb(document.Transferred)}) is sent uncompressed: the app has no response compression."
                : ""));
        Line(text);
    }

    private static void Heap(StringBuilder text, RunResults run)
    {
        var n = run.Options.Tabs;
        Line(text, "#### Managed heap per idle interactive circuit (budget ≤ 300 KB on the walk-through)");
        Line(text);
        Line(text, $"The app runs in the load run's own process ({(GCSettings.IsServerGC ? "server" : "workstation")} GC); " +
            (run.Options.InProcessBrowser
                ? "Playwright's client runs in the same process (`--in-process-browser`), so its per-page objects are in the heap too. "
                : "Playwright's client runs in a child process, so none of its objects are in the heap measured (in the same " +
                  "process it keeps a request and a response object per fetched file of every open app page, which about:blank " +
                  "tabs don't have, so the baseline would not cancel them). ") +
            $"After a warm-up (a few tabs on every scenario), each measurement moves the same {n} tabs (one browser context) to " +
            "`about:blank`, waits until the server has disposed every circuit (leaving a page sends Blazor's disconnect " +
            $"beacon), idles 1 s and reads the heap: that is the **baseline**. Then all {n} tabs open the scenario's page and " +
            $"wait for `[data-interactive='true']` (step 2: click *Next*, wait for \"Step 2 of\"), all {n} circuits are " +
            $"checked connected, the app idles {run.Options.IdleSeconds} s, and the heap is read again. Each reading is two " +
            "forced, blocking, compacting full collections (large object heap included) with `WaitForPendingFinalizers`, " +
            "then `GC.GetTotalMemory(true)`. **Per circuit = (heap(scenario) − heap(baseline)) / " + n.ToString(Invariant) + "**. " +
            $"Scenarios run in turn, {run.Options.Repeats} rounds" +
            (run.Options.Repeats > LoadRunner.ExtraRounds && run.Scenarios.Any(s => s.Extra)
                ? $" (the welcome page and Get support, there for comparison, in the first {LoadRunner.ExtraRounds} only, to keep the run short)."
                : ".") +
            " Between rounds the baseline itself moves by up to about 1 MB (process-wide caches and pooled buffers grow and " +
            $"are trimmed), that is up to about {1024.0 / run.Options.Tabs:F0} KB per circuit at {run.Options.Tabs} tabs: hence " +
            "the min and the median.");
        Line(text);

        var bare = Median(run.Samples.Where(s => s.Scenario.Path == LoadRunner.BarePath).Select(s => s.PerCircuitBytes));
        var rounds = Enumerable.Range(1, run.Options.Repeats).ToList();
        Line(text, $"| Scenario | Path | {string.Join(" | ", rounds.Select(r => $"Round {r}"))} | Min | Median | Ratio to bare page | Ratio to 300 KB budget |");
        Line(text, $"| --- | --- |{string.Concat(rounds.Select(_ => " ---: |"))} ---: | ---: | ---: | ---: |");
        Line(text, $"| *Baseline: {n} tabs on about:blank (heap)* | `about:blank` | " +
            string.Join(" | ", rounds.Select(r => Mb(run.Samples.Where(s => s.Repeat == r).Min(s => s.BlankHeap)) + "–" +
                Mb(run.Samples.Where(s => s.Repeat == r).Max(s => s.BlankHeap)))) + " | | | | |");
        foreach (var scenario in run.Scenarios)
        {
            var values = run.Samples.Where(s => s.Scenario == scenario).OrderBy(s => s.Repeat).Select(s => s.PerCircuitBytes).ToList();
            var median = Median(values);
            var path = scenario.Step2 ? $"`{scenario.Path}` + Next" : $"`{scenario.Path}`";
            var name = scenario.Path == "/assessment" ? $"**{scenario.Name}**" : scenario.Name;
            var cells = rounds.Select(r => run.Samples.FirstOrDefault(s => s.Scenario == scenario && s.Repeat == r) is { } sample ? Kb(sample.PerCircuitBytes) : "–");
            Line(text, $"| {name} | {path} | {string.Join(" | ", cells)} | {Kb(values.Min())} | {Kb(median)} | " +
                $"{median / bare:F2} | {Ratio(median / CircuitBudgetBytes)} |");
        }
        Line(text);

        var walk = run.Samples.Where(s => s.Scenario.Path == "/assessment").ToList();
        var worst = walk.GroupBy(s => s.Scenario).Select(g => (g.Key, Median: Median(g.Select(s => s.PerCircuitBytes)))).MaxBy(g => g.Median);
        var clean = run.Samples.All(s => s.ConnectedAtReading == n && s.OpenBeforeBaseline == 0);
        Line(text, $"**Walk-through, the larger of its two screens measured ({(worst.Key.Step2 ? "step 2" : "the first screen")}): " +
            $"{Kb(worst.Median)} per circuit (median), {Ratio(worst.Median / CircuitBudgetBytes)} of the 300 KB budget " +
            $"({(worst.Median <= CircuitBudgetBytes ? "within budget" : "OVER BUDGET")}), {worst.Median / bare:F2}× the bare page.** " +
            (clean
                ? $"Every reading had all {n} circuits connected, and no circuit was left open before any baseline."
                : "Warning: " + string.Join("; ", run.Samples
                    .Where(s => s.ConnectedAtReading != n || s.OpenBeforeBaseline != 0)
                    .Select(s => $"round {s.Repeat}, {s.Scenario.Name}: {s.ConnectedAtReading} connected, {s.OpenBeforeBaseline} open before baseline")) + "."));
        Line(text);
    }

    private static bool IsWebSocket(Hosting.WireCounter.ConnectionBytes connection) =>
        connection.FirstRequestLine.StartsWith("GET /_blazor?", StringComparison.Ordinal);

    /// <summary>The machine line every section starts with (the browser's version only where one ran).</summary>
    internal static string Machine(string? chromium)
    {
        var os = ReadValue("/etc/os-release", "PRETTY_NAME=")?.Trim('"') ?? RuntimeInformation.OSDescription;
        var cpu = ReadValue("/proc/cpuinfo", "model name")?.TrimStart(' ', '\t', ':') ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{os} · {cpu}, {Environment.ProcessorCount} cores, {memory:F0} GiB · {RuntimeInformation.FrameworkDescription}{(chromium is null ? "" : $" · Chromium {chromium}")}";
    }

    /// <summary>Which source the app was built from, as far as git can tell (empty when it can't).</summary>
    internal static string Source()
    {
        var commit = Git("rev-parse --short HEAD");
        if (string.IsNullOrEmpty(commit))
        {
            return "";
        }
        var dirty = !string.IsNullOrEmpty(Git("status --porcelain -- src"));
        return $"App source: commit `{commit}`{(dirty ? ", with uncommitted changes in `src/`" : "")}.";
    }

    private static string? Git(string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var git = Process.Start(info);
            if (git is null)
            {
                return null;
            }
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? ReadValue(string path, string prefix)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string ShortUrl(string url)
    {
        var uri = new Uri(url);
        var path = uri.PathAndQuery;
        // Long fingerprinted names and connection tokens say nothing to a reader.
        var query = path.IndexOf("?id=", StringComparison.Ordinal);
        return query >= 0 ? path[..query] + "?id=…" : path;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Kb(long? bytes) => bytes is { } b ? Kb((double)b) : "";

    private static string Kb(long bytes) => Kb((double)bytes);

    private static string Kb(double bytes) => string.Create(Invariant, $"{bytes / 1024:F1} KB");

    private static string Mb(long bytes) => string.Create(Invariant, $"{bytes / 1048576.0:F1} MB");

    private static string Ratio(double ratio) => string.Create(Invariant, $"{ratio * 100:F0} %");

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
