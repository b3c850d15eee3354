using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HealingCompass.LoadRun.Circuits;

/// <summary>What the probe answered: the managed heap (0 when not collected) and the open and connected circuits.</summary>
internal sealed record ProbeReading(long Heap, int Open, int Connected);

/// <summary>
/// A measured web app as a child process (<c>dotnet &lt;dll&gt;</c>, Development, plain http on a free loopback port),
/// started with this assembly as its startup hook, so <see cref="AppProbe"/> runs inside it. The load run reads the
/// child's heap and circuits through the probe and its processor time and working set from the operating system.
/// </summary>
internal sealed class ProbedApp : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private TcpClient? probe;
    private StreamReader? reader;
    private StreamWriter? writer;

    private ProbedApp(string name, Process process, Uri address)
    {
        Name = name;
        this.process = process;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    /// <summary>The child's processor time so far, user and kernel, all threads.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The child's resident memory now.</summary>
    public long WorkingSet
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    public string RecentOutput => string.Join('\n', output);

    /// <summary>Circuits left behind by tabs whose disconnect was never seen, kept by the server for its retention period.</summary>
    public int Retained { get; set; }

    /// <summary>Starts the child and waits until <paramref name="readyPath"/> answers 200 and the probe is connected.</summary>
    /// <remarks>Development for both, so each serves its static web assets from its build output, as `dotnet run` does.</remarks>
    public static async Task<ProbedApp> StartAsync(string name, string dll, string contentRoot, string readyPath, IReadOnlyDictionary<string, string> environment)
    {
        var port = Throughput.ColdStart.FreePort();
        var portFile = Path.Combine(Path.GetTempPath(), $"healingcompass-probe-{Guid.NewGuid():N}");
        var info = Throughput.ColdStart.WebAppStart(dll, contentRoot, port, "Development");
        info.Environment["DOTNET_STARTUP_HOOKS"] = typeof(AppProbe).Assembly.Location;
        info.Environment[AppProbe.PortFileVariable] = portFile;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start.");
        var app = new ProbedApp(name, process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync(readyPath, portFile);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Forced, compacting full collections in the child, then its heap and circuits.</summary>
    public Task<ProbeReading> HeapAsync() => AskAsync("heap");

    /// <summary>The child's circuits, without collecting.</summary>
    public Task<ProbeReading> CircuitsAsync() => AskAsync("circuits");

    /// <summary>How long the child's circuits took over each message they received since the last call, in ms.</summary>
    public async Task<List<double>> InboundTimesAsync()
    {
        await writer!.WriteLineAsync("inbound");
        var answer = await reader!.ReadLineAsync() ?? throw new InvalidOperationException($"{Name}'s probe closed.\n{RecentOutput}");
        return [.. answer.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t, CultureInfo.InvariantCulture))];
    }

    /// <summary>Waits until the child has this many open and connected circuits; the last reading either way.</summary>
    public async Task<(bool Reached, ProbeReading Last)> WaitForCircuitsAsync(int open, int connected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var reading = await CircuitsAsync();
            if ((reading.Open == open && reading.Connected == connected) || DateTime.UtcNow > deadline)
            {
                return (reading.Open == open && reading.Connected == connected, reading);
            }
            await Task.Delay(50);
        }
    }

    private async Task<ProbeReading> AskAsync(string line)
    {
        await writer!.WriteLineAsync(line);
        var answer = await reader!.ReadLineAsync() ?? throw new InvalidOperationException($"{Name}'s probe closed.\n{RecentOutput}");
        var parts = answer.Split(' ');
        return new ProbeReading(long.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private async Task WaitUntilReadyAsync(string readyPath, string portFile)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} stopped on start (exit code {process.ExitCode}):\n{RecentOutput}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{Name} was not ready within 2 minutes:\n{RecentOutput}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(readyPath, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK && File.Exists(portFile))
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        var port = int.Parse(await File.ReadAllTextAsync(portFile), CultureInfo.InvariantCulture);
        File.Delete(portFile);
        probe = new TcpClient();
        await probe.ConnectAsync(IPAddress.Loopback, port);
        var stream = probe.GetStream();
        reader = new StreamReader(stream);
        writer = new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" };
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        output.Enqueue(line);
        while (output.Count > 200 && output.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        reader?.Dispose();
        writer?.Dispose();
        probe?.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
