using System.Diagnostics;

namespace HealingCompass.EndToEnd.Tests.LoadRuns;

/// <summary>
/// The load runs are programs run by hand in Release (tests/HealingCompass.LoadRun/README.md); these run the shortest
/// version of each from the solution's build, so a change that breaks one is seen in CI. No budgets here: timings
/// on a shared CI machine are noise. Each must finish, report, and exit 0 (no failed request, no error).
/// Each run starts app processes and Chromium tabs of its own and loads both cores, so they run alone, after the
/// rest: beside them, other end-to-end tests' page waits ran out (a two-instance test's 15 s in CI).
/// </summary>
[Collection(LoadRunsAlone.Name)]
public sealed class LoadRunSmokeTests
{
    [Fact]
    public async Task The_first_load_and_heap_run_counts_both_first_loads_and_reads_the_walk_through_circuits()
    {
        var (exitCode, output) = await RunAsync("--tabs", "2", "--repeats", "1", "--idle", "1", "--no-extras");

        Assert.True(exitCode == 0, output);
        Assert.Contains("#### First load of `/` (budget ≤ 150 KB", output, StringComparison.Ordinal);
        Assert.Contains("#### First load of `/assessment` (budget ≤ 150 KB", output, StringComparison.Ordinal);
        Assert.Contains("| **Walk-through, step 2 (safety check, 6 questions)** |", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scale_out_load_run_goes_through_one_sqlite_instance_and_two_postgresql_instances_without_an_error()
    {
        var (exitCode, output) = await RunAsync("--scale-out", "--people", "2", "--tabs", "1", "--seconds", "4");

        Assert.True(exitCode == 0, output);
        Assert.Contains("| One instance, SQLite |", output, StringComparison.Ordinal);
        Assert.Contains("| Two instances, PostgreSQL, nginx |", output, StringComparison.Ordinal);
        Assert.Contains("Two instances against one:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_in_load_run_saves_check_ins_through_the_form_without_an_error()
    {
        var (exitCode, output) = await RunAsync("--check-ins", "--people", "3", "--seconds", "2");

        Assert.True(exitCode == 0, output);
        Assert.Contains("check-in", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_circuits_load_run_measures_the_stock_template_and_every_interactive_page_and_gets_every_circuit_back()
    {
        var (exitCode, output) = await RunAsync(TimeSpan.FromMinutes(10), "--circuits", "--tabs", "2", "--warm-tabs", "1", "--idle", "1", "--think-ms", "100", "--saves", "2", "--settle", "1");

        Assert.True(exitCode == 0, output);
        Assert.Contains("| *Stock template, counter page* |", output, StringComparison.Ordinal);
        Assert.Contains("| Journal list | `/journal` | 2 |", output, StringComparison.Ordinal);
        Assert.Contains("| Walk-through: Next |", output, StringComparison.Ordinal);
        Assert.Contains("5,000 people on one 2-vCPU / 4 GB server", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_throughput_load_run_drives_wrk_at_every_prerendered_page_and_times_both_cold_starts()
    {
        var (exitCode, output) = await RunAsync("--throughput", "--seconds", "1", "--cold-rounds", "1");

        Assert.True(exitCode == 0, output);
        Assert.Contains("| `/verify` |", output, StringComparison.Ordinal);
        Assert.Contains("App / template:", output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(TimeSpan.FromMinutes(5), args);

    // The circuits run makes and builds the stock template the first time on a machine, then runs both apps: more time.
    private static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeLimit, params string[] args)
    {
        // tests/HealingCompass.EndToEnd.Tests/bin/<Configuration>/<tfm>/ → tests/HealingCompass.LoadRun/bin/<Configuration>/<tfm>/
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "tests", "HealingCompass.LoadRun", "bin", bin.Parent.Name, bin.Name, "HealingCompass.LoadRun.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built (dotnet build HealingCompass.sln first).");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + "\n" + await errors);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadRunsAlone
{
    public const string Name = "Load runs, one at a time and alone";
}
