using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace HealingCompass.LoadRun.Browser;

/// <summary>
/// Runs <see cref="PlaywrightDriver"/> in a child copy of this program, so that none of the Playwright
/// client's objects (a page, its frames, and one request and response object per fetched file, kept while
/// the page lives) sit in the managed heap being measured. Commands and replies are one JSON line each.
/// </summary>
internal sealed class ChildProcessDriver : IBrowserDriver
{
    public const string ChildSwitch = "--browser-driver-child";
    private const string ReplyMark = "@@loadrun ";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Process child;

    private ChildProcessDriver(Process child) => this.child = child;

    public static ChildProcessDriver Start()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Run as `dotnet HealingCompass.LoadRun.dll`: the child needs the same assembly.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(ChildProcessDriver).Assembly.Location);
        }
        info.ArgumentList.Add(ChildSwitch);
        return new ChildProcessDriver(Process.Start(info) ?? throw new InvalidOperationException("The browser driver did not start."));
    }

    public async Task<string> StartAsync() => (await SendAsync(new DriverCommand("start"))).Text!;

    public async Task<FirstLoadResult> FirstLoadAsync(Uri url, int quietMilliseconds) =>
        (await SendAsync(new DriverCommand("first-load", url.ToString(), QuietMilliseconds: quietMilliseconds))).FirstLoad!;

    public Task ShowAsync(string url, int count, bool step2, int concurrency) =>
        SendAsync(new DriverCommand("show", url, count, step2, concurrency));

    /// <summary>Runs the journeys on the child's own browser and returns when the time is up.</summary>
    public async Task<Journeys.JourneyResult> RunJourneysAsync(Journeys.JourneyPlan plan) =>
        (await SendAsync(new DriverCommand("journeys", Plan: plan))).Journeys!;

    public async ValueTask DisposeAsync()
    {
        if (!child.HasExited)
        {
            try
            {
                await SendAsync(new DriverCommand("quit"));
            }
            catch (IOException)
            {
                // The child is already gone.
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await child.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
            }
        }
        child.Dispose();
    }

    /// <summary>The child's side: reads commands from stdin until "quit" or end of input.</summary>
    public static async Task<int> RunChildAsync()
    {
        await using var driver = new PlaywrightDriver();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var command = JsonSerializer.Deserialize<DriverCommand>(line, Json)!;
            DriverReply reply;
            try
            {
                reply = command.Name switch
                {
                    "start" => new DriverReply(Text: await driver.StartAsync()),
                    "first-load" => new DriverReply(FirstLoad: await driver.FirstLoadAsync(new Uri(command.Url!), command.QuietMilliseconds)),
                    "show" => await ShowAsync(driver, command),
                    "journeys" => new DriverReply(Journeys: await Journeys.JourneyBrowser.RunAsync(command.Plan!)),
                    "quit" => new DriverReply(),
                    _ => new DriverReply(Error: $"Unknown command {command.Name}"),
                };
            }
            catch (Exception exception) when (exception is PlaywrightException or TimeoutException or InvalidOperationException)
            {
                reply = new DriverReply(Error: exception.ToString());
            }
            await Console.Out.WriteLineAsync(ReplyMark + JsonSerializer.Serialize(reply, Json));
            await Console.Out.FlushAsync();
            if (command.Name == "quit")
            {
                break;
            }
        }
        return 0;
    }

    private static async Task<DriverReply> ShowAsync(PlaywrightDriver driver, DriverCommand command)
    {
        await driver.ShowAsync(command.Url!, command.Count, command.Step2, command.Concurrency);
        return new DriverReply();
    }

    private async Task<DriverReply> SendAsync(DriverCommand command)
    {
        await child.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command, Json));
        await child.StandardInput.FlushAsync();
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith(ReplyMark, StringComparison.Ordinal))
            {
                // Anything else the child prints (Chromium's wrapper, Playwright) goes to our error stream.
                await Console.Error.WriteLineAsync(line);
                continue;
            }
            var reply = JsonSerializer.Deserialize<DriverReply>(line[ReplyMark.Length..], Json)!;
            return reply.Error is null ? reply : throw new InvalidOperationException("Browser driver: " + reply.Error);
        }
        throw new IOException("The browser driver exited.");
    }

    private sealed record DriverCommand(string Name, string? Url = null, int Count = 0, bool Step2 = false, int Concurrency = 1, int QuietMilliseconds = 0, Journeys.JourneyPlan? Plan = null);

    private sealed record DriverReply(string? Error = null, string? Text = null, FirstLoadResult? FirstLoad = null, Journeys.JourneyResult? Journeys = null);
}
