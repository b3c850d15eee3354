using System.Globalization;

namespace HealingCompass.CrashRun;

/// <summary>
/// Entry point: <c>--cycles N</c> (default 1000), <c>--people N</c> (2), <c>--seed N</c>, <c>--max-kill-ms N</c> (300),
/// <c>--sync-writes N</c> (entries per FULL/NORMAL round, 300; 0 skips the measurement), <c>--minutes M</c> (start no
/// cycle after M minutes). Started with
/// <c>writer …</c> it is the child the run kills.
/// </summary>
internal static class CrashRunProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [Writer.Switch, ..])
        {
            return await Writer.RunAsync(args);
        }
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine("dotnet run -c Release --project tests/HealingCompass.CrashRun -- [--cycles 1000] [--people 2] [--seed N] [--max-kill-ms 300] [--sync-writes 300] [--minutes M]");
            return 0;
        }
        var cycles = Option(args, "--cycles") ?? 1000;
        var people = Option(args, "--people") ?? 2;
        var maxKill = Option(args, "--max-kill-ms") ?? 300;
        var syncWrites = Option(args, "--sync-writes") ?? 300;
        var built = BuiltApp.FromBinFolder(AppContext.BaseDirectory);
        if (built.Missing() is { } missing)
        {
            Console.Error.WriteLine(missing);
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        IReadOnlyList<WriteRate> rates = [];
        if (syncWrites > 0)
        {
            rates = await SynchronousCost.MeasureAsync(syncWrites, rounds: 3, cancel.Token);
        }
        var minutes = Option(args, "--minutes");
        var stopAfter = minutes is { } m ? TimeSpan.FromMinutes(m) : (TimeSpan?)null;
        var result = await CrashHarness.RunAsync(new CrashOptions(cycles, people, maxKill, Option(args, "--seed"), stopAfter), built, Console.Error, cancel.Token);
        Console.WriteLine(Report(result, rates));
        return result.Clean ? 0 : 1;
    }

    private static string Report(CrashResult r, IReadOnlyList<WriteRate> rates)
    {
        var lines = new List<string>
        {
            $"| Cycles (SIGKILL, restart, check) | {Figures.N(r.Cycles)} (seed {r.Seed.ToString(CultureInfo.InvariantCulture)}) |",
            "| --- | --- |",
            $"| Acknowledged writes | {Figures.N(r.Acknowledged)}: {Figures.N(r.JournalEntries)} journal entries, {Figures.N(r.Attachments)} files, {Figures.N(r.CheckIns)} check-ins |",
            $"| Acknowledged writes checked (summed over every check) | {Figures.N(r.WritesChecked)} |",
            $"| Lost acknowledged writes | {Figures.N(r.Lost)} |",
            $"| integrity_check failures | {Figures.N(r.IntegrityFailures)} |",
            $"| Journal chain breaks | {Figures.N(r.ChainBreaks)} |",
            $"| Real app signed everyone in afterwards | {(r.AppSignedInAfterwards ? "yes" : "no")} |",
            $"| Time taken | {Figures.N(r.Elapsed.TotalMinutes, "N1")} min |",
        };
        lines.AddRange(rates.Select(rate => $"| Journal entries saved per second, synchronous = {rate.Synchronous} | {Figures.N(rate.PerSecond, "N1")} ({Figures.N(rate.Writes)} entries in {Figures.N(rate.Elapsed.TotalSeconds, "N1")} s) |"));
        lines.AddRange(r.Problems.Take(20).Select(p => $"Problem: {p}"));
        return string.Join(Environment.NewLine, lines);
    }

    private static int? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
    }
}
