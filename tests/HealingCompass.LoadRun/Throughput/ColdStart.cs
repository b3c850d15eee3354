using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HealingCompass.LoadRun.Throughput;

/// <summary>
/// Cold start: the app's own build output (<c>src/HealingCompass.Web/bin/&lt;Configuration&gt;/net10.0/HealingCompass.Web.dll</c>,
/// with a fresh empty data folder each time, so the migrations run on that start) against the stock
/// <c>dotnet new blazor --interactivity Server</c> template, built here in Release in a temporary folder. Each is started
/// as a child process (<c>dotnet &lt;dll&gt;</c>, Production, plain http on a free loopback port) and timed from the
/// process start to the first 200 of <c>/</c>, polled every 20 ms; the rounds alternate, each child is killed after.
/// </summary>
internal static class ColdStart
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<Result> RunAsync(int rounds, Action<string> log)
    {
        var work = Path.Combine(Path.GetTempPath(), $"healingcompass-coldstart-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var appProject = AppProjectFolder();
            var appDll = AppDll();

            var (templateProject, templateDll) = await TemplateAsync(log);

            var template = new List<double>();
            var app = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                var t = await TimeAsync(templateDll, templateProject, null);
                template.Add(t);
                var data = Path.Combine(work, $"data-{round}");
                var a = await TimeAsync(appDll, appProject, data);
                app.Add(a);
                log($"Round {round}: template {t:F0} ms, app {a:F0} ms.");
            }
            return new Result(template, app, rounds);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// The stock template, made and built in Release in a temporary folder named after this SDK's version. A later run
    /// on the same SDK finds it built and reuses it (the smoke run stays under a minute); a half-made one is made again.
    /// </summary>
    internal static async Task<(string Project, string Dll)> TemplateAsync(Action<string> log)
    {
        var sdk = (await DotnetAsync(Path.GetTempPath(), "--version")).Trim();
        var project = Path.Combine(Path.GetTempPath(), $"healingcompass-coldstart-template-{sdk}");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "StockTemplate.dll");
        var done = Path.Combine(project, ".built");
        if (File.Exists(done) && File.Exists(dll))
        {
            log($"The stock template (SDK {sdk}) is already built in {project}.");
            return (project, dll);
        }
        if (Directory.Exists(project))
        {
            Directory.Delete(project, recursive: true);
        }
        log($"Making and building the stock template (SDK {sdk}) in {project}…");
        var build = Stopwatch.StartNew();
        await DotnetAsync(Path.GetTempPath(), "new", "blazor", "--interactivity", "Server", "-n", "StockTemplate", "-o", project, "--no-update-check");
        await DotnetAsync(project, "build", "-c", "Release", "-nologo", "-v", "q");
        await File.WriteAllTextAsync(done, sdk);
        log($"Template built in {build.Elapsed.TotalSeconds:F0} s.");
        return (project, dll);
    }

    /// <summary>Starts <c>dotnet dll</c> and returns the milliseconds until <c>/</c> first answers 200.</summary>
    private static async Task<double> TimeAsync(string dll, string contentRoot, string? dataDirectory)
    {
        var port = FreePort();
        var info = WebAppStart(dll, contentRoot, port, "Production");
        if (dataDirectory is not null)
        {
            info.Environment["Storage__DataDirectory"] = dataDirectory;
        }

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var url = new Uri($"http://127.0.0.1:{port}/");
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                try
                {
                    using var response = await http.GetAsync(url);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return clock.Elapsed.TotalMilliseconds;
                    }
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} answered {(int)response.StatusCode} to /.\n{Tail(output)}");
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode} before answering.\n{Tail(output)}");
                }
                if (clock.Elapsed > GiveUpAfter)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(dll)} did not answer / within {GiveUpAfter.TotalSeconds} s.\n{Tail(output)}");
                }
                await Task.Delay(PollEvery);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
    }

    private static void Keep(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length > 4000 ? text[^4000..] : text;
        }
    }

    /// <summary>
    /// <c>dotnet dll</c> as a web app: the project folder as working directory (the content root, as `dotnet run` uses),
    /// plain http on this loopback port, this environment, output redirected; none of this program's own ASP.NET Core,
    /// environment, startup-hook, storage or MSBuild settings go with it.
    /// </summary>
    internal static ProcessStartInfo WebAppStart(string dll, string contentRoot, int port, string environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        string[] inherited = ["ASPNETCORE_", "DOTNET_ENVIRONMENT", "DOTNET_STARTUP_HOOKS", "Storage__", "MSBuild"];
        foreach (var key in info.Environment.Keys.Where(k => inherited.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            info.Environment.Remove(key);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["DOTNET_ENVIRONMENT"] = environment;
        info.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        return info;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<string> DotnetAsync(string folder, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // This program runs under `dotnet run`, whose MSBuild settings would leak into the template's build.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
        return await output;
    }

    /// <summary>The app's project folder, from the manifest the web application factory reads too.</summary>
    internal static string AppProjectFolder()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        using var stream = File.OpenRead(manifest);
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        return roots[typeof(Program).Assembly.FullName!];
    }

    /// <summary>
    /// The app's build output in this program's own configuration (<c>bin/&lt;Configuration&gt;/net10.0</c>): Release when
    /// run by hand with <c>-c Release</c>, Debug in the CI smoke run; both are built with this program.
    /// </summary>
    internal static string AppDll()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(AppProjectFolder(), "bin", bin.Parent!.Name, bin.Name, "HealingCompass.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build this program first (dotnet run builds it).");
    }

    public static void Report(StringBuilder sb, Result result)
    {
        var templateMedian = Median(result.Template);
        var appMedian = Median(result.App);
        sb.AppendLine("#### Cold start against the stock Blazor Server template");
        sb.AppendLine();
        sb.AppendLine(Inv, $"From the child process's start (`dotnet <dll>`, environment Production, `ASPNETCORE_URLS=http://127.0.0.1:<free port>`, the project folder as working directory) to the first 200 of `/`, polled every {PollEvery.TotalMilliseconds:F0} ms; {result.Rounds} rounds, template and app in turn, each child killed after. The template is `dotnet new blazor --interactivity Server`, built by the run in Release in a temporary folder (kept there per SDK version and reused by later runs); the app is its own build output, `src/HealingCompass.Web/bin/{AppConfiguration}/net10.0/HealingCompass.Web.dll`, with a fresh empty data folder each round (`Storage__DataDirectory`), so every start creates the SQLite file, runs the migrations and makes a key ring. Both listen on plain http: the template's `UseHttpsRedirection` finds no https port and passes requests through; the app has no HTTPS redirection, and HSTS is only sent over https.");
        sb.AppendLine();
        var rounds = Enumerable.Range(1, result.Rounds).ToList();
        sb.AppendLine(Inv, $"| Start to first 200 of `/` | {string.Join(" | ", rounds.Select(r => $"Round {r}"))} | Median | Min |");
        sb.AppendLine(Inv, $"| --- |{string.Concat(rounds.Select(_ => " ---: |"))} ---: | ---: |");
        sb.AppendLine(Inv, $"| Stock template | {string.Join(" | ", result.Template.Select(Ms))} | {Ms(templateMedian)} | {Ms(result.Template.Min())} |");
        sb.AppendLine(Inv, $"| HealingCompass (empty data folder) | {string.Join(" | ", result.App.Select(Ms))} | {Ms(appMedian)} | {Ms(result.App.Min())} |");
        sb.AppendLine();
        sb.AppendLine(Inv, $"**App / template: {appMedian / templateMedian:F2}× by the median, {result.App.Min() / result.Template.Min():F2}× by the minimum.**");
    }

    private static string AppConfiguration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static string Ms(double ms) => string.Create(Inv, $"{ms:N0} ms");

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Milliseconds from start to the first 200, per round, for each.</summary>
    internal sealed record Result(List<double> Template, List<double> App, int Rounds);
}
