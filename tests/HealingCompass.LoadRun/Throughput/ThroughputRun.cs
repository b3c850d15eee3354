using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HealingCompass.LoadRun.Hosting;

namespace HealingCompass.LoadRun.Throughput;

/// <summary>
/// Issue 15's throughput slice: Debian's <c>wrk</c> against prerendered pages of the real app (real Kestrel, loopback,
/// Release build) and against a static floor page served by the same pipeline (<see cref="FloorEndpoints"/>),
/// each page's requests per second as a ratio to the floor's; then the cold start of the built app against the stock
/// Blazor Server template's (<see cref="ColdStart"/>). Exit code 1 when a page does not answer 200 or wrk counts a
/// non-2xx/3xx answer or a socket error.
/// </summary>
internal static partial class ThroughputRun
{
    public const string Switch = "--throughput";
    private const int WarmUpSecondsAtMost = 3;
    private const int Threads = 2;

    /// <summary>The budget: each page at least this share of the floor's requests per second.</summary>
    private const double Budget = 0.5;

    private static readonly string[] Pages = ["/", "/resources", "/browsing-safely", "/verify"];

    /// <summary>
    /// Measured like a page but judged by no budget: the smallest page in a circuit (the circuits run's counter floor,
    /// no layout, no MudBlazor), to show what prerendering an interactive root costs on its own, in the same run.
    /// </summary>
    private static readonly string[] References = [FloorEndpoints.CounterPath];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var seconds = (int)Option(args, "--seconds", 10);
        var connections = (int)Option(args, "--connections", 32);
        var coldRounds = (int)Option(args, "--cold-rounds", 5);
        var write = args.SkipWhile(a => a != "--write").Skip(1).FirstOrDefault();
        var command = "dotnet run -c Release --project tests/HealingCompass.LoadRun -- --throughput" +
            (seconds != 10 ? $" --seconds {seconds}" : "") + (connections != 32 ? $" --connections {connections}" : "") +
            (coldRounds != 5 ? $" --cold-rounds {coldRounds}" : "");
        if (write is not null && !File.Exists(write))
        {
            Console.Error.WriteLine($"{write} does not exist (run from the repository root, or give its full path).");
            return 2;
        }
        var wrk = FindOnPath("wrk");
        if (wrk is null)
        {
            Console.Error.WriteLine("wrk is not installed: apt-get install -y -qq wrk");
            return 2;
        }
        // 3 s, or as long as the measured run when that is shorter (the smoke run's 1 s).
        var warmUp = Math.Min(WarmUpSecondsAtMost, seconds);
        var clock = Stopwatch.StartNew();

        // The machine is shared, so its speed drifts over a run: the floor is measured before the first page and again
        // after each page, and each page is compared with the mean of the two floor runs on either side of it.
        var pages = new List<PageRun>();
        var references = new List<PageRun>();
        var floors = new List<PageResult>();
        var problems = new List<string>();
        using (var host = LoadRunHost.Start(FloorEndpoints.AddTo))
        {
            Log($"App on {host.BaseAddress}; wrk -t{Threads} -c{connections} --latency, {warmUp} s warm-up and {seconds} s measured per page, the floor before the first page and after each.");
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
            {
                BaseAddress = host.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };

            async Task<PageResult?> MeasureAsync(string path, bool warm)
            {
                // The first answer must be the page itself, not a redirect or an error page (wrk counts 3xx as fine).
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
                using var first = await http.SendAsync(request);
                var body = await first.Content.ReadAsByteArrayAsync();
                var encoding = string.Join(", ", first.Content.Headers.ContentEncoding);
                if (first.StatusCode != HttpStatusCode.OK)
                {
                    problems.Add($"`{path}` answered {(int)first.StatusCode} to its first request");
                    Log($"{path}: first answer {(int)first.StatusCode}, skipped.");
                    return null;
                }
                var url = new Uri(host.BaseAddress, path).ToString();
                if (warm)
                {
                    Log($"{path}: {body.Length:N0} bytes ({(encoding.Length == 0 ? "identity" : encoding)}); warming up…");
                    await WrkAsync(wrk, url, warmUp, connections);
                }
                Log($"{path}: measuring {seconds} s…");
                var output = await WrkAsync(wrk, url, seconds, connections);
                var headers = first.Headers.Select(h => h.Key).Concat(first.Content.Headers.Select(h => h.Key))
                    .Select(h => h.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
                var result = Parse(path, output, body.Length, encoding) with { Headers = headers };
                Log($"{path}: {result.RequestsPerSecond:N0} requests/s, p50 {result.P50Ms:N2} ms, p99 {result.P99Ms:N2} ms, {result.Requests:N0} requests, {result.Non2xx} non-2xx/3xx, {result.SocketErrors} socket errors.");
                if (result.Non2xx > 0 || result.SocketErrors > 0)
                {
                    problems.Add($"`{path}`: wrk counted {result.Non2xx} non-2xx/3xx answers and {result.SocketErrors} socket errors");
                }
                return result;
            }

            var before = await MeasureAsync(FloorEndpoints.StaticPath, warm: true);
            if (before is not null)
            {
                floors.Add(before);
                foreach (var path in Pages.Concat(References))
                {
                    var page = await MeasureAsync(path, warm: true);
                    // The floor has had its warm-up already.
                    var after = await MeasureAsync(FloorEndpoints.StaticPath, warm: false);
                    if (after is null)
                    {
                        break;
                    }
                    floors.Add(after);
                    if (page is not null)
                    {
                        (References.Contains(path) ? references : pages).Add(new PageRun(page, before, after));
                    }
                    before = after;
                }
            }
        }

        Log($"Cold start: {coldRounds} rounds, the stock template and the app in turn…");
        var cold = await ColdStart.RunAsync(coldRounds, Log);

        var markdown = Report(command, warmUp, seconds, connections, pages, references, floors, cold, problems, clock.Elapsed);
        Console.WriteLine(markdown);
        if (write is not null && !MarkdownSection.TryReplace(write, "throughput-loadrun", markdown))
        {
            return 2;
        }
        return problems.Count == 0 && pages.Count == Pages.Length ? 0 : 1;
    }

    private static async Task<string> WrkAsync(string wrk, string url, int seconds, int connections)
    {
        var info = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"-t{Threads}", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s",
            "-H", "Accept-Encoding: gzip, br", url,
        })
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await error}{await output}");
        }
        return await output;
    }

    /// <summary>Reads wrk's summary: requests/s, the latency distribution's 50 % and 99 % lines, the error counts.</summary>
    internal static PageResult Parse(string path, string output, int bytes, string encoding)
    {
        var rps = RequestsPerSecond().Match(output);
        var p50 = Percentile().Matches(output).FirstOrDefault(m => m.Groups[1].Value == "50");
        var p99 = Percentile().Matches(output).FirstOrDefault(m => m.Groups[1].Value == "99");
        var requests = Requests().Match(output);
        if (!rps.Success || p50 is null || p99 is null || !requests.Success)
        {
            throw new InvalidOperationException($"Could not read wrk's output for {path}:\n{output}");
        }
        var non2xx = Non2xx().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, Inv) : 0;
        var socket = SocketErrors().Match(output) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, Inv))
            : 0;
        return new PageResult(path, double.Parse(rps.Groups[1].Value, Inv), Milliseconds(p50), Milliseconds(p99),
            long.Parse(requests.Groups[1].Value, Inv), non2xx, socket, bytes, encoding);
    }

    private static double Milliseconds(Match m)
    {
        var value = double.Parse(m.Groups[2].Value, Inv);
        return m.Groups[3].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            "m" => value * 60_000,
            _ => throw new InvalidOperationException($"Unknown unit in wrk's output: {m.Value}"),
        };
    }

    private static string Report(string command, int warmUp, int seconds, int connections, List<PageRun> pages, List<PageRun> references,
        List<PageResult> floors, ColdStart.Result cold, List<string> problems, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"### Measured {DateTime.UtcNow:yyyy-MM-dd}");
        sb.AppendLine();
        sb.AppendLine(Inv, $"{HealingCompass.LoadRun.Report.Machine(null)} · wrk {WrkVersion()}. Whole run {elapsed.TotalSeconds:F0} s, one run of `{command}`. {HealingCompass.LoadRun.Report.Source()}");
        sb.AppendLine();
        sb.AppendLine("#### Prerendered pages against the static floor (budget: each page ≥ 50 % of the floor's requests/s)");
        sb.AppendLine();
        sb.AppendLine(Inv, $"The app runs in the load run's process on real Kestrel, plain http on loopback (`LoadRunHost`: Development, Release build, so no HSTS and no HTTPS redirect; the app has no HTTPS redirection in any environment). The floor is `{FloorEndpoints.StaticPath}`, a component with no layout and no MudBlazor (`tests/HealingCompass.LoadRun/Throughput/StaticFloor.razor`) rendered through the app's own middleware by a startup filter of the load run's host; the product does not have it. Each run: one request checked for 200, then `wrk -t{Threads} -c{connections} --latency -H 'Accept-Encoding: gzip, br'` for {warmUp} s (warm-up, not counted; the floor only before its first run) and for {seconds} s (measured). The machine is shared and wrk runs on the same 2 cores as the app, so its speed drifts during a run: the floor is measured before the first page and again after every page, and each page is compared with the mean of the floor runs just before and just after it. The in-app interactive floor, `{FloorEndpoints.CounterPath}` (`tests/HealingCompass.LoadRun/Circuits/CounterFloor.razor`: a document and the template's counter in a circuit, no layout, no MudBlazor), is measured the same way as a reference with no budget: it shows what prerendering an interactive root costs by itself (its marker, the state the framework persists into the page, the antiforgery token it makes for that state).");
        sb.AppendLine();
        sb.AppendLine("| Page | Response (as wrk gets it) | Requests | Requests/s | Floor requests/s (before / after) | Ratio to the floor | Budget ≥ 50 % | p50 ms | p99 ms | Floor p50 ms (before / after) | Floor p99 ms (before / after) |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (var run in pages.Concat(references))
        {
            var r = run.Page;
            var ratio = run.Ratio;
            var reference = references.Contains(run);
            sb.AppendLine(Inv, $"| {(reference ? $"*In-app interactive floor* `{r.Path}`" : $"`{r.Path}`")} | {r.Bytes / 1024.0:F1} KB {(r.Encoding.Length == 0 ? "identity" : r.Encoding)} | {r.Requests:N0} | {r.RequestsPerSecond:N0} | " +
                $"{run.FloorBefore.RequestsPerSecond:N0} / {run.FloorAfter.RequestsPerSecond:N0} | {ratio:F2} ({ratio * 100:F0} %) | {(reference ? "(a reference, no budget)" : ratio >= Budget ? "✅" : "❌ under budget")} | " +
                $"{r.P50Ms:F2} | {r.P99Ms:F2} | {run.FloorBefore.P50Ms:F2} / {run.FloorAfter.P50Ms:F2} | {run.FloorBefore.P99Ms:F2} / {run.FloorAfter.P99Ms:F2} |");
        }
        var floor = floors.FirstOrDefault();
        if (floor is not null)
        {
            sb.AppendLine(Inv, $"| *Static floor, {floors.Count} runs* | {floor.Bytes / 1024.0:F1} KB {(floor.Encoding.Length == 0 ? "identity" : floor.Encoding)} | {floors.Sum(f => f.Requests):N0} | " +
                $"{floors.Min(f => f.RequestsPerSecond):N0}–{floors.Max(f => f.RequestsPerSecond):N0} | | | | {floors.Min(f => f.P50Ms):F2}–{floors.Max(f => f.P50Ms):F2} | {floors.Min(f => f.P99Ms):F2}–{floors.Max(f => f.P99Ms):F2} | | |");
        }
        sb.AppendLine();
        if (problems.Count > 0)
        {
            sb.AppendLine(Inv, $"**The run failed:** {string.Join("; ", problems)}.");
            sb.AppendLine();
        }
        else
        {
            var under = pages.Where(p => p.Ratio < Budget).ToList();
            var verdict = under.Count == 0
                ? "**Every page is within budget.**"
                : $"**Under budget: {string.Join(", ", under.Select(u => $"`{u.Page.Path}` ({u.Ratio * 100:F0} %)"))}.**";
            sb.AppendLine(Inv, $"Every first answer was 200, and wrk counted no non-2xx/3xx answer and no socket error. {verdict}");
            sb.AppendLine();
        }
        if (floor is not null)
        {
            var pageHeaders = pages.SelectMany(p => p.Page.Headers).Distinct().Order(StringComparer.Ordinal).ToList();
            var missing = pageHeaders.Except(floor.Headers).Where(h => h != "set-cookie").ToList();
            var missingNote = missing.Count == 0
                ? "every header the pages send but their cookies."
                : $"the pages' headers except {string.Join(", ", missing.Select(h => $"`{h}`"))}.";
            sb.AppendLine(Inv, $"The floor's answer went through the same middleware as the pages': it carried {string.Join(", ", floor.Headers.Select(h => $"`{h}`"))}, that is {missingNote}");
            sb.AppendLine();
        }
        ColdStart.Report(sb, cold);
        return sb.ToString();
    }

    private static string WrkVersion()
    {
        try
        {
            var info = new ProcessStartInfo("wrk", "-v") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(info);
            if (process is null)
            {
                return "?";
            }
            var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return WrkVersionPattern().Match(text) is { Success: true } m ? m.Groups[1].Value : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static double Option(IReadOnlyList<string> args, string name, double fallback)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count && double.TryParse(args[index + 1], Inv, out var value) ? value : fallback;
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(50|75|90|99)%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"([0-9]+) requests in ")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"wrk (?:debian/)?([0-9][^ ]*)")]
    private static partial Regex WrkVersionPattern();

    /// <summary>A page's run with the floor runs just before and just after it.</summary>
    internal sealed record PageRun(PageResult Page, PageResult FloorBefore, PageResult FloorAfter)
    {
        /// <summary>The page's requests/s over the mean of the two floor runs'.</summary>
        public double Ratio => Page.RequestsPerSecond / ((FloorBefore.RequestsPerSecond + FloorAfter.RequestsPerSecond) / 2);
    }

    /// <summary>One URL's measured run.</summary>
    internal sealed record PageResult(string Path, double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Non2xx,
        long SocketErrors, int Bytes, string Encoding)
    {
        /// <summary>The header names of the first answer (lower case), to show the floor went through the same middleware.</summary>
        public IReadOnlyList<string> Headers { get; init; } = [];
    }
}
