using System.Diagnostics;
using System.Globalization;

namespace HealingCompass.LoadRun.ScaleOut;

/// <summary>
/// A PostgreSQL cluster of the load run's own, as the test command makes one: Debian's server binaries, a temporary
/// data folder, a free loopback port, trust authentication, stopped and deleted at the end. Never the system's.
/// </summary>
internal sealed class ThrowawayPostgres : IDisposable
{
    private readonly string bin;
    private readonly string folder;

    private ThrowawayPostgres(string bin, string folder, int port)
    {
        this.bin = bin;
        this.folder = folder;
        ConnectionString = $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=healingcompass";
    }

    /// <summary>The server, without a database.</summary>
    public string ConnectionString { get; }

    public static ThrowawayPostgres Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!, CultureInfo.InvariantCulture)).LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL's server is not installed (apt-get install -y postgresql).");
        }
        var folder = Directory.CreateTempSubdirectory("healingcompass-loadrun-pg-").FullName;
        var port = HealingCompass.EndToEnd.Tests.ScaleOut.TwoInstances.FreePort();
        var cluster = new ThrowawayPostgres(bin, folder, port);
        if (Environment.UserName == "root")
        {
            Run("chown", "postgres:postgres", folder);
        }
        cluster.AsPostgres("initdb", "-D", Path.Combine(folder, "data"), "-A", "trust", "-U", "healingcompass", "-E", "UTF8", "--no-locale");
        cluster.AsPostgres("pg_ctl", "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {port.ToString(CultureInfo.InvariantCulture)} -k {folder} -c max_connections=300", "start");
        return cluster;
    }

    public void Dispose()
    {
        try
        {
            AsPostgres("pg_ctl", "-D", Path.Combine(folder, "data"), "-m", "fast", "stop");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>initdb and postgres refuse root: there they run as Debian's postgres user, from / (which it may enter).</summary>
    private void AsPostgres(string program, params string[] args)
    {
        var path = Path.Combine(bin, program);
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "postgres", "--", "env", "-C", "/", path, .. args]);
        }
        else
        {
            Run(path, args);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {output.Result}{errors.Result}");
        }
    }
}
