using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HealingCompass.EndToEnd.Tests.Support;

/// <summary>
/// The real app on real Kestrel on a free loopback port, as a browser reaches it. Every log line the app
/// writes, at every level, is kept so tests can prove nothing the person typed reaches the logs.
/// </summary>
public sealed class AppHost : WebApplicationFactory<Program>
{
    /// <summary>Where quick exit goes in tests; the browser answers it locally, nothing leaves the machine.</summary>
    public const string NeutralUrl = "https://neutral.test/weather";

    private readonly string logPath;
    private readonly string databasePath;
    private readonly string dataDirectory;
    private readonly Dictionary<string, string?> settings = [];
    private bool keepFiles;

    private AppHost()
        : this(Path.Combine(Path.GetTempPath(), $"healingcompass-e2e-{Guid.NewGuid():N}.log"),
            Path.Combine(Path.GetTempPath(), $"healingcompass-e2e-{Guid.NewGuid():N}.db"),
            Path.Combine(Path.GetTempPath(), $"healingcompass-e2e-{Guid.NewGuid():N}"))
    {
    }

    // A restart keeps the data folder too: its key ring is what opens the tab's kept visit.
    private AppHost(string logPath, string databasePath, string dataDirectory)
    {
        this.logPath = logPath;
        this.databasePath = databasePath;
        this.dataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>
    /// The clock check-in weeks read, which a test moves (never sleeps) to check in week after week. Sign-ins
    /// and auto-lock keep the real clock, so moving the weeks does not sign anyone out.
    /// </summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider CheckInTime { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Everything the app logged so far, read from its Serilog file sink.</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(logPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The app's own SQLite file for this host, so tests can look inside it.</summary>
    public string DatabasePath => databasePath;

    /// <summary>This host's data folder (key ring; and the database, when the connection string is read too late to count).</summary>
    public string DataDirectory => dataDirectory;

    /// <param name="settings">Extra configuration, e.g. a shorter auto-lock or a tighter rate limit.</param>
    public static AppHost Start(IReadOnlyDictionary<string, string?>? settings = null) => Start(new AppHost(), settings, port: 0);

    /// <summary>
    /// A server restart: stops this app (every circuit ends with it) and starts a new one on the same port
    /// with the same database and settings, so the browser's open page reconnects to a server that never
    /// knew it. Dispose the returned host; this one is gone.
    /// </summary>
    public async Task<AppHost> RestartAsync()
    {
        keepFiles = true;
        var port = BaseAddress.Port;
        await DisposeAsync();
        return Start(new AppHost(logPath, databasePath, dataDirectory), settings, port);
    }

    private static AppHost Start(AppHost host, IReadOnlyDictionary<string, string?>? settings, int port)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            host.settings[key] = value;
        }
        host.UseKestrel(port);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Kestrel reports 127.0.0.1 or [::1]; browsers treat "localhost" the same but tests compare hosts, so keep it literal.
        host.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves static web assets straight from the build output (Production needs a publish).
        builder.UseEnvironment("Development");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        // The data folder (key ring, and the database unless a connection string says otherwise) of this host alone.
        builder.UseSetting("Storage:DataDirectory", dataDirectory);
        // The OWASP minimum instead of 64 MiB, t=3: the same code paths at a third of the cost (ADR 7). A
        // host setting, because the key derivation parameters are read while services are registered.
        builder.UseSetting("Accounts:KeyDerivationMemoryKiB", "19456");
        builder.UseSetting("Accounts:KeyDerivationIterations", "2");
        // App configuration rather than UseSetting: host settings reach Serilog's reader with empty parent
        // values, which it takes for nameless sinks.
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:HealingCompass"] = $"Data Source={databasePath}",
            // Many journeys sign in from the same loopback address; the limit itself has its own test.
            ["Accounts:AttemptsPerMinute"] = "10000",
            ["Accounts:AttemptsPerAddressPerMinute"] = "10000",
            ["QuickExit:NeutralUrl"] = NeutralUrl,
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose",
            ["Serilog:WriteTo:0:Args:restrictedToMinimumLevel"] = "Warning",
            ["Serilog:WriteTo:1:Name"] = "File",
            ["Serilog:WriteTo:1:Args:path"] = logPath,
            ["Serilog:WriteTo:1:Args:outputTemplate"] = "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext} {Message:lj} {Properties:j}{NewLine}{Exception}",
        }));
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        // Stopping waits for open circuits to drain (30 s by default); a test that stops the app wants it gone.
        builder.ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1)));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<HealingCompass.Domain.CheckIns.CheckInClock>();
            services.AddSingleton(new HealingCompass.Domain.CheckIns.CheckInClock(CheckInTime));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !keepFiles)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                File.Delete(logPath);
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(databasePath + suffix);
                }
                if (Directory.Exists(dataDirectory))
                {
                    Directory.Delete(dataDirectory, recursive: true);
                }
            }
            catch (IOException)
            {
                // A log the sink still holds open is removed with the temp folder.
            }
        }
    }
}
