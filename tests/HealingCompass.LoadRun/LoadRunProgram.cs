using HealingCompass.LoadRun.Browser;

namespace HealingCompass.LoadRun;

/// <summary>
/// Entry point. Not top-level statements: those would declare a second global <c>Program</c> next to the
/// web app's, which <c>WebApplicationFactory&lt;Program&gt;</c> must name.
/// </summary>
internal static class LoadRunProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [ChildProcessDriver.ChildSwitch])
        {
            return await ChildProcessDriver.RunChildAsync();
        }
        if (args is [CheckIns.CheckInLoad.Switch, ..])
        {
            return await CheckIns.CheckInLoad.RunAsync(args);
        }
        if (args is [Journeys.JourneyLoad.Switch, ..])
        {
            return await Journeys.JourneyLoad.RunAsync(args);
        }
        if (args is [ScaleOut.ScaleOutLoad.Switch, ..])
        {
            return await ScaleOut.ScaleOutLoad.RunAsync(args);
        }
        if (args is [Circuits.CircuitRun.Switch, ..])
        {
            return await Circuits.CircuitRun.RunAsync(args);
        }
        if (args is [Throughput.ThroughputRun.Switch, ..])
        {
            return await Throughput.ThroughputRun.RunAsync(args);
        }
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(RunOptions.Usage);
            return 0;
        }
        var options = RunOptions.Parse(args);
        if (options is null)
        {
            return 2;
        }
        if (options.WritePath is { } path && !File.Exists(path))
        {
            Console.Error.WriteLine($"{path} does not exist (run from the repository root, or give its full path).");
            return 2;
        }

        var results = await LoadRunner.RunAsync(options);
        var markdown = Report.Markdown(results);
        Console.WriteLine(markdown);
        if (options.WritePath is { } target)
        {
            Report.WriteSection(target, markdown);
            Console.Error.WriteLine($"Wrote the figures into {target}.");
        }
        return 0;
    }
}
