using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HealingCompass.LoadRun.Browser;
using HealingCompass.LoadRun.CheckIns;
using HealingCompass.Web.Accounts;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HealingCompass.LoadRun.Journeys;

/// <summary>
/// Issue 14's "load and leaks" run: N people (accounts, each with a kept plan) go through the walk-through, a
/// journal entry with a picture, and a check-in, in real Chromium (child process) against the real app on loopback,
/// K tabs at once, for M minutes. Then every tab goes and every person signs out, and the app's memory, circuits and
/// unlocked keys are read against the baseline taken before anyone came. Exit code 1 on any error or leak.
/// </summary>
internal static partial class JourneyLoad
{
    public const string Switch = "--journeys";

    /// <summary>"Near the baseline": the managed heap after everyone left within this share of the baseline.</summary>
    private const double HeapTolerance = 0.10;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var people = (int)RunFigures.Option(args, "--people", 100);
        var minutes = RunFigures.Option(args, "--minutes", 5);
        var tabs = (int)RunFigures.Option(args, "--tabs", Math.Min(people, 12));
        var hold = (int)RunFigures.Option(args, "--hold", 0);
        var write = args.SkipWhile(a => a != "--write").Skip(1).FirstOrDefault();
        var command = $"dotnet run -c Release --project tests/HealingCompass.LoadRun -- --journeys --people {people} --minutes {minutes.ToString(CultureInfo.InvariantCulture)} --tabs {tabs}";

        using var host = CheckInLoadHost.Start();
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 8 };
        using var http = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var keys = host.Services.GetRequiredService<UnlockedKeys>();
        await using var browser = ChildProcessDriver.Start();

        // Warm-up: one extra person goes through every journey once and leaves, so the baseline already has the
        // app's one-off costs (compiled code, EF's model, pools) and the later readings show only what stays per person.
        Log("Warm-up: one person through every journey…");
        var warm = await NewPersonAsync(host, http, -1);
        var warmRun = await browser.RunJourneysAsync(new JourneyPlan(host.BaseAddress.ToString(), [warm.Cookies], 1, 0.001));
        if (warmRun.Rounds != 1)
        {
            Log("The warm-up round failed: " + string.Join(" | ", warmRun.FirstErrors));
            return 1;
        }
        await SignOutAsync(warm);
        await host.Circuits.WaitForAsync(0, 0, TimeSpan.FromSeconds(60));
        // The warm-up's file add keeps its circuit reachable until the JS interop timeout has passed (see below).
        var interopTimeout = host.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.JSInteropDefaultCallTimeout;
        await Task.Delay(interopTimeout + TimeSpan.FromSeconds(5));
        var baseline = Reading.Take("Baseline (before anyone, after a warm-up person came and went)", host, keys);
        Log(baseline.ToString());
        await HoldAsync(hold, "at the baseline");

        Log($"Making {people} accounts with a kept plan…");
        var persons = new FormPerson[people];
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, _) =>
            persons[i] = await NewPersonAsync(host, http, i));
        var signedUp = Reading.Take($"{people} people signed up, no tab open", host, keys);
        Log(signedUp.ToString());

        // While they go through the journeys: sample the working set and the (unforced) heap, and once, at half
        // time, read the heap after forced collections, as the other readings are.
        var seconds = minutes * 60;
        var peakWorkingSet = 0L;
        var peakHeap = 0L;
        var peakCircuits = 0;
        Reading? peak = null;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            using var self = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                self.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, self.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                peakCircuits = Math.Max(peakCircuits, host.Circuits.Open);
                if (peak is null && clock.Elapsed.TotalSeconds >= seconds / 2)
                {
                    peak = Reading.Take($"Half time, {host.Circuits.Open} tabs live", host, keys);
                    Log(peak.ToString());
                }
                try
                {
                    await Task.Delay(1000, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        Log($"{people} people through the journeys, {tabs} tabs at once, for {minutes.ToString(CultureInfo.InvariantCulture)} min…");
        var run = await browser.RunJourneysAsync(new JourneyPlan(host.BaseAddress.ToString(), [.. persons.Select(p => p.Cookies)], tabs, seconds));
        await sampling.CancelAsync();
        await sampler;

        var circuitsGone = await host.Circuits.WaitForAsync(0, 0, TimeSpan.FromSeconds(60));
        var tabsClosed = Reading.Take("Every tab closed (circuits disposed), people still signed in", host, keys);
        Log(tabsClosed.ToString());
        foreach (var person in persons)
        {
            await SignOutAsync(person);
        }
        var left = Reading.Take("Everyone signed out", host, keys);
        Log(left.ToString());
        // A file added through InputFile keeps its circuit reachable until the framework's JS interop timeout has
        // passed (RemoteJSDataStream's timeout check is a Task.Delay that disposing the stream does not cancel), so
        // read again once that time is over: what is still there then is what stays.
        Log($"Waiting {interopTimeout.TotalSeconds + 5:N0} s (the JS interop timeout, {interopTimeout.TotalSeconds:N0} s, and 5 s)…");
        await Task.Delay(interopTimeout + TimeSpan.FromSeconds(5));
        var later = Reading.Take($"Everyone signed out, {interopTimeout.TotalSeconds + 5:N0} s later", host, keys);
        Log(later.ToString());
        await HoldAsync(hold, "after everyone left");

        var errors = run.Errors.Values.Sum();
        var heapHeld = later.Heap <= baseline.Heap * (1 + HeapTolerance);
        var clean = errors == 0 && circuitsGone && later.Keys == 0 && later.Circuits == 0 && heapHeld;
        var markdown = Report(command, people, tabs, minutes, run, baseline, signedUp, peak, peakWorkingSet, peakHeap, peakCircuits, tabsClosed, left, later, heapHeld, host);
        Console.WriteLine(markdown);
        if (write is not null && !MarkdownSection.TryReplace(write, "journeys-loadrun", markdown))
        {
            return 2;
        }
        return clean ? 0 : 1;
    }

    /// <summary>With --hold, keeps this state for a while so a <c>dotnet-gcdump collect -p PID</c> can be taken.</summary>
    private static async Task HoldAsync(int seconds, string state)
    {
        if (seconds > 0)
        {
            Log($"Holding {seconds} s {state} (process {Environment.ProcessId}).");
            await Task.Delay(TimeSpan.FromSeconds(seconds));
        }
    }

    private static async Task<FormPerson> NewPersonAsync(CheckInLoadHost host, HttpClient http, int i)
    {
        var person = await CheckInLoad.SignUpAsync(http, i);
        await CheckInLoad.KeepPlanAsync(host, person.UserName);
        return person;
    }

    /// <summary>Signs out through the form on "My account", as the button does.</summary>
    private static async Task SignOutAsync(FormPerson person)
    {
        var (_, account) = await person.SendAsync(HttpMethod.Get, "/account");
        var token = TokenPattern().Match(account);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No sign-out form for {person.UserName}.");
        }
        var (status, _) = await person.SendAsync(HttpMethod.Post, "/account/logout", [new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]);
        if (status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-out answered {(int)status}.");
        }
    }

    private static string Report(string command, int people, int tabs, double minutes, JourneyResult run, Reading baseline, Reading signedUp,
        Reading? peak, long peakWorkingSet, long peakHeap, int peakCircuits, Reading tabsClosed, Reading left, Reading later, bool heapHeld, CheckInLoadHost host)
    {
        var inv = CultureInfo.InvariantCulture;
        static double P(IReadOnlyCollection<double> values, double q) => RunFigures.Percentile(values, q);
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on this machine ({Environment.ProcessorCount} cores, shared with other builds), Release build, Chromium {run.BrowserVersion} headless in a child process, one run of `{command}`.");
        sb.AppendLine();
        sb.AppendLine(inv, $"\"{people} people\" here: {people} accounts (each with a kept plan), {tabs} tabs at once. Each tab takes the next person in turn, opens a fresh browser context with their sign-in cookie, goes through one round (walk-through: three Next or Back clicks on `/assessment`; a journal entry written and saved on `/journal-write`, then a 70-byte PNG added on the entry page; a check-in saved on `/check-in`), closes the context and takes the next person. {run.Rounds:N0} rounds completed in {minutes.ToString(inv)} min; {run.PeopleSeen} of the {people} people had at least one round.");
        sb.AppendLine();
        sb.AppendLine("| Action (wall time from the click or file choice until the next screen or confirmation is in the page) | count | errors | p50 ms | p95 ms | p99 ms |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var action in new[] { JourneyBrowser.WalkStep, JourneyBrowser.EntrySave, JourneyBrowser.FileAdd, JourneyBrowser.CheckInSave, JourneyBrowser.Open })
        {
            var values = run.Timings.GetValueOrDefault(action) ?? [];
            sb.AppendLine(inv, $"| {action} | {values.Count:N0} | {run.Errors.GetValueOrDefault(action)} | {P(values, 0.5):N0} | {P(values, 0.95):N0} | {P(values, 0.99):N0} |");
        }
        sb.AppendLine();
        var otherErrors = run.Errors.Where(e => e.Key is not (JourneyBrowser.WalkStep or JourneyBrowser.EntrySave or JourneyBrowser.FileAdd or JourneyBrowser.CheckInSave or JourneyBrowser.Open)).ToList();
        sb.AppendLine(inv, $"- Errors (a failed wait, Blazor's error bar, any 5xx): **{run.Errors.Values.Sum()}**; 5xx responses: {run.ServerErrors}{(otherErrors.Count > 0 ? "; other: " + string.Join(", ", otherErrors.Select(e => $"{e.Key} {e.Value}")) : "")}.{(run.FirstErrors.Count > 0 ? " First: " + string.Join(" | ", run.FirstErrors.Select(e => $"`{e}`")) : "")}");
        sb.AppendLine(inv, $"- Circuits that lost their connection and reconnected: {host.Circuits.Reconnects}{(host.Circuits.Reconnects > 0 ? " (at " + string.Join(", ", host.Circuits.ReconnectTimes.Take(10).Select(t => t.ToString("HH:mm:ss.fff", inv))) + " UTC)" : "")}. Database commands of 1 s or more, or failed: {host.SlowCommands.Seen.Count}{(host.SlowCommands.Seen.IsEmpty ? "" : ": " + string.Join(" | ", host.SlowCommands.Seen.Take(10).Select(c => $"`{c}`")))}.");
        sb.AppendLine();
        sb.AppendLine("| Reading | managed heap (forced, compacting) MB | working set MB | open circuits | unlocked keys |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var reading in new[] { baseline, signedUp, peak, tabsClosed, left, later })
        {
            if (reading is not null)
            {
                sb.AppendLine(inv, $"| {reading.Name} | {Mb(reading.Heap)} | {Mb(reading.WorkingSet)} | {reading.Circuits} | {reading.Keys} |");
            }
        }
        sb.AppendLine(inv, $"| Peak while running (sampled each second, heap not forced) | {Mb(peakHeap)} | {Mb(peakWorkingSet)} | {peakCircuits} | |");
        sb.AppendLine();
        var heapChange = (later.Heap - baseline.Heap) / (double)baseline.Heap;
        sb.AppendLine(inv, $"- Near the baseline means: once everyone has left and the framework's JS interop timeout has passed, the managed heap within {HeapTolerance:P0} of the baseline, no circuit open and no key held. Heap then − baseline: {Mb(later.Heap - baseline.Heap)} MB ({heapChange:+0.0 %;-0.0 %}): **{(heapHeld ? "held" : "NOT held")}**; circuits {later.Circuits}, keys {later.Keys}: **{(later.Circuits == 0 && later.Keys == 0 ? "held" : "NOT held")}**. Right after sign-out the heap was {Mb(left.Heap - baseline.Heap)} MB above the baseline: the circuits of the last minute's file adds, still reachable from the framework's timeout check. The working set is reported, not judged: the GC keeps memory it has grown into, and SQLite's page cache is native.");
        return sb.ToString().TrimEnd();
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture);

    private static void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex TokenPattern();

    private sealed record Reading(string Name, long Heap, long WorkingSet, int Circuits, int Keys)
    {
        public static Reading Take(string name, CheckInLoadHost host, UnlockedKeys keys)
        {
            var heap = LoadRunner.ManagedHeap();
            using var self = Process.GetCurrentProcess();
            return new Reading(name, heap, self.WorkingSet64, host.Circuits.Open, keys.Count);
        }

        public override string ToString() => $"{Name}: heap {Mb(Heap)} MB, working set {Mb(WorkingSet)} MB, {Circuits} circuits, {Keys} keys";
    }
}
