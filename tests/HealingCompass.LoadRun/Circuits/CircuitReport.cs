using System.Globalization;
using System.Text;

namespace HealingCompass.LoadRun.Circuits;

/// <summary>The circuits run's markdown: heap per circuit, processor time per interaction, latency, and the arithmetic.</summary>
internal static class CircuitReport
{
    private const double HeapBudget = 2.5;
    private const double LatencyBudget = 2.0;
    private const int People = 5000;
    private const double ServerBytes = 4.0 * 1024 * 1024 * 1024;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(string command, CircuitRun.Options options, string chromium, List<AppReadings> results, List<string> problems, TimeSpan elapsed)
    {
        var template = results.First(r => r.Name == "Stock template");
        var app = results.First(r => r.Name != "Stock template");
        var counter = template.Heaps.Single(h => h.Name == CircuitRun.TemplateCounter);
        var floor = app.Heaps.Single(h => h.Name == CircuitRun.FloorCounter);
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"### Measured {DateTime.UtcNow:yyyy-MM-dd}");
        sb.AppendLine();
        sb.AppendLine(Inv, $"{Report.Machine(chromium)}. Whole run {elapsed.TotalSeconds:F0} s, one run of `dotnet run -c Release --project tests/HealingCompass.LoadRun -- {command}` ({options.Tabs} tabs, {options.IdleSeconds} s idle before each reading, clicks {options.Think.TotalMilliseconds * 0.5:F0}–{options.Think.TotalMilliseconds * 1.5:F0} ms apart in each tab). {Report.Source()} 1 KB = 1,024 bytes.");
        sb.AppendLine();
        sb.AppendLine("#### Managed heap per idle circuit (budget ≤ 2.5× the stock template's counter page)");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Each web app runs as a child process (`dotnet <dll>`, Development, plain http on loopback) started with the load run's assembly as its .NET startup hook, which adds a circuit count to the host and answers the heap on a loopback port: two forced, blocking, compacting full collections (large objects included), then `GC.GetTotalMemory(true)`. The stock template is `dotnet new blazor --interactivity Server`, built by the run; the in-app floor is a counter with no layout and no MudBlazor served by the app's own pipeline only in this run. For each page, {options.Tabs} tabs (one browser context) go to `about:blank`, every circuit is seen gone, the heap is read (the baseline); then every tab opens the page, every circuit is seen connected, {options.IdleSeconds} s idle, and the heap is read again: per circuit = (page − baseline) / {options.Tabs}. Steps reached by clicking inside the same circuits (step 2, results, plan) are read against the baseline of the walk-through's first screen. Before the measured pass, a pass with {options.WarmTabs} tabs goes through everything once (JIT and caches). The working set column is the process's resident memory, the same way (noisier: the runtime keeps freed pages).");
        sb.AppendLine();
        sb.AppendLine("| Page | Path | Circuits at reading | Heap per circuit | Ratio to the template's counter | Budget ≤ 2.5× | Ratio to the in-app floor | Working set per tab |");
        sb.AppendLine("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |");
        foreach (var h in template.Heaps.Concat(app.Heaps))
        {
            var isFloor = h.Name is CircuitRun.TemplateCounter or CircuitRun.FloorCounter;
            var staticPage = h.Connected == 0;
            var ratio = h.PerCircuit / counter.PerCircuit;
            var verdict = isFloor || staticPage ? "" : ratio <= HeapBudget ? "✅ within" : "❌ over";
            sb.AppendLine(Inv, $"| {(isFloor ? "*" + h.Name + "*" : h.Name)} | `{h.Path}` | {h.Connected} | {Kb(h.PerCircuit)} | {ratio:F2} | {verdict} | {h.PerCircuit / floor.PerCircuit:F2} | {Kb(h.WorkingSetPerTab)} |");
        }
        var interactive = app.Heaps.Where(h => h.Connected > 0 && h.Name != CircuitRun.FloorCounter).ToList();
        var worst = interactive.MaxBy(h => h.PerCircuit)!;
        sb.AppendLine();
        sb.AppendLine(Inv, $"**Largest: {worst.Name}, {Kb(worst.PerCircuit)} per circuit, {worst.PerCircuit / counter.PerCircuit:F2}× the template's counter ({Kb(counter.PerCircuit)}); {(interactive.All(h => h.PerCircuit / counter.PerCircuit <= HeapBudget) ? "every interactive page within" : "not every interactive page within")} the 2.5× budget.** The in-app floor costs {floor.PerCircuit / counter.PerCircuit:F2}× the template's counter.");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Closing the tabs (each closed as a person closes one: its unload handlers run, so Blazor's disconnect beacon goes) gives the circuits back. The heap is read 1 s after the last circuit went, and again {options.SettleSeconds} s later, past Blazor's one-minute JS interop timeout (a call a closed tab never answered keeps its circuit's objects reachable until then). The measured pass runs {options.Passes} {(options.Passes == 1 ? "time" : "times")} in each process; the figures above are the first's. The first full pass sizes what a process keeps for a load of {options.Tabs} tabs (pooled buffers and database contexts, caches), so its own change is shown but a leak is what comes back in every pass: the budget is judged on the last pass, against its own start.");
        sb.AppendLine();
        sb.AppendLine("| Process | Pass | Heap at the start (all tabs on about:blank) | 1 s after closing every tab | Later | Change (later) | Budget: within 5 % | Circuits left open |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        foreach (var r in results)
        {
            for (var i = 0; i < r.Passes.Count; i++)
            {
                var p = r.Passes[i];
                var verdict = i < r.Passes.Count - 1 ? "" : Math.Abs(p.Change) <= 0.05 ? "✅ within" : "❌ outside";
                sb.AppendLine(Inv, $"| {r.Name} | {i + 1} | {Mb(p.StartHeap)} | {Mb(p.ClosedHeap)} | {Mb(p.SettledHeap)} | {p.Change * 100:+0.0;−0.0} % | {verdict} | {p.LeftOpen} |");
            }
        }
        sb.AppendLine();

        sb.AppendLine("#### Processor time per interaction and click-to-screen latency (budget: latency p95 ≤ 2× the template's counter)");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Processor time is the child process's own (user + kernel, every thread, as the operating system counts it), read before and after every tab has done its clicks, divided by the clicks. It is gross: what the process spends anyway with the circuits open (SignalR's keep-alives, timers) is in it; that share, measured over the {options.IdleSeconds} s just before the clicks with nobody clicking, is given beside it. Latency is timed inside each page: from the button's click until the page shows the change (a `MutationObserver` sees the new text: the server has handled the click and rendered, and the browser has applied the change). Not to the next painted frame: headless Chromium gives tabs it does not show about one animation frame a second, which would measure its throttling; a tab in front paints the change in its next frame. All {options.Tabs} tabs click at once, each after a pause of {options.Think.TotalMilliseconds * 0.5:F0}–{options.Think.TotalMilliseconds * 1.5:F0} ms, with Chromium rendering the {options.Tabs} tabs on the same 2 cores. A check-in save is a form post (the page is static, no circuit): {options.Saves} saves through the real form, {options.Concurrency} at once, over HTTP from the load run, each for another week (each an insert); its latency is the post's round trip. To tell the server's share of the latency from the browser's, the probe times every message each circuit handles while the tabs click (a circuit handler's inbound activity: an event with the render it causes, or a JS interop answer), with the wall clock on the server: their sum divided by the clicks is the server's time per click, and the p95 of single messages is beside it.");
        sb.AppendLine();
        sb.AppendLine("| Interaction | Count | CPU ms each | Ratio to a template counter click | Idle before (share of a core) | p50 ms | p95 ms | p99 ms | p95 ratio to the template | Budget ≤ 2× | Server ms per click | Server p95 per message ms |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
        var click = template.Cpu.Single(c => c.Name == CircuitRun.TemplateCounter);
        var clickP95 = P(click.Latencies, 0.95);
        foreach (var c in template.Cpu.Concat(app.Cpu))
        {
            var isClick = c.Name != CircuitRun.CheckInSave;
            var p95 = P(c.Latencies, 0.95);
            var verdict = c.Name == CircuitRun.NextClick ? (p95 / clickP95 <= LatencyBudget ? "✅ within" : "❌ over") : "";
            sb.AppendLine(Inv, $"| {c.Name} | {c.Count:N0} | {c.CpuMsEach:F2} | {c.CpuMsEach / click.CpuMsEach:F2} | {c.IdleCpuPerSecond * 100:F1} % | {P(c.Latencies, 0.5):F1} | {p95:F1} | {P(c.Latencies, 0.99):F1} | {(isClick ? (p95 / clickP95).ToString("F2", Inv) : "–")} | {verdict} | {(c.Inbound.Count > 0 ? (c.Inbound.Sum() / c.Count).ToString("F2", Inv) : "–")} | {(c.Inbound.Count > 0 ? P(c.Inbound, 0.95).ToString("F2", Inv) : "–")} |");
        }
        sb.AppendLine();

        var next = app.Cpu.Single(c => c.Name == CircuitRun.NextClick);
        var save = app.Cpu.Single(c => c.Name == CircuitRun.CheckInSave);
        var perPerson = Math.Max(worst.PerCircuit, worst.WorkingSetPerTab);
        var clicksPerSecond = 2 * 1000 / next.CpuMsEach;
        sb.AppendLine(Inv, $"#### {People:N0} people on one 2-vCPU / 4 GB server, from these figures");
        sb.AppendLine();
        sb.AppendLine(Inv, $"- **Memory.** The largest page costs {Kb(worst.PerCircuit)} of managed heap and {Kb(worst.WorkingSetPerTab)} of resident memory per circuit here; taking the larger, {People:N0} people at once hold {Gb(People * perPerson)}, on top of the process's own {Mb(app.StartHeap)} of heap at rest. Against 4 GB: {People * perPerson / ServerBytes * 100:F0} % of the server.");
        sb.AppendLine(Inv, $"- **Processor.** A Next click costs {next.CpuMsEach:F2} ms of processor time (gross: the open circuits' own upkeep included), so two cores do about {clicksPerSecond:N0} clicks a second at full use; a check-in save costs {save.CpuMsEach:F2} ms (about {2 * 1000 / save.CpuMsEach:N0} a second). {People:N0} people reading and clicking once every 10 s ask for {People / 10:N0} clicks a second: {People / 10.0 / clicksPerSecond * 100:F0} % of the two cores; once every 5 s, {People / 5.0 / clicksPerSecond * 100:F0} %. The p95 above ({P(next.Latencies, 0.95):F0} ms) was measured at {options.Tabs / options.Think.TotalSeconds:F0} clicks a second with Chromium on the same cores.");
        sb.AppendLine();
        if (problems.Count > 0)
        {
            sb.AppendLine("**Problems in this run:**");
            sb.AppendLine();
            foreach (var problem in problems)
            {
                sb.AppendLine(Inv, $"- {problem}");
            }
        }
        else
        {
            sb.AppendLine("Every reading had every circuit it expected connected, none was left before a baseline, and every check-in save answered with the saved notice.");
        }
        return sb.ToString();
    }

    private static double P(List<double> values, double q) => RunFigures.Percentile(values, q);

    private static string Kb(double bytes) => string.Create(Inv, $"{bytes / 1024:N1} KB");

    private static string Mb(double bytes) => string.Create(Inv, $"{bytes / 1048576:N1} MB");

    private static string Gb(double bytes) => string.Create(Inv, $"{bytes / (1024.0 * 1024 * 1024):N2} GB");
}
