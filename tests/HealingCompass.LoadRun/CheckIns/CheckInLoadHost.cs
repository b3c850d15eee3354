using System.Net;
using System.Text.Json;
using HealingCompass.LoadRun.Hosting;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.LoadRun.CheckIns;

/// <summary>
/// The real app on real Kestrel (loopback), with a SQLite file of its own in a fresh data folder. The account
/// settings are the app's, except the key derivation at the OWASP minimum and the sign-up rate limit raised, so
/// making a hundred accounts takes seconds; neither is on the path of a check-in.
/// </summary>
internal sealed class CheckInLoadHost : WebApplicationFactory<Program>
{
    private CheckInLoadHost(string dataDirectory) => DataDirectory = dataDirectory;

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "healingcompass.db");

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Open circuits (the journeys run waits for them to go).</summary>
    public CircuitTally Circuits { get; } = new();

    /// <summary>Database commands of a second or more, and failed ones.</summary>
    public SlowCommands SlowCommands { get; } = new();

    public static CheckInLoadHost Start()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"healingcompass-checkin-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var host = new CheckInLoadHost(folder);
        host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        host.BaseAddress = new Uri(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(AppContentRoot());
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Serilog:WriteTo:0:Args:restrictedToMinimumLevel", "Warning");
        builder.UseSetting("Accounts:KeyDerivationMemoryKiB", "19456");
        builder.UseSetting("Accounts:KeyDerivationIterations", "2");
        builder.UseSetting("Accounts:AttemptsPerMinute", "100000");
        builder.UseSetting("Accounts:AttemptsPerAddressPerMinute", "100000");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<CircuitHandler>(Circuits);
            services.ConfigureDbContext<HealingCompass.Data.HealingCompassDbContext>(o => o.AddInterceptors(SlowCommands));
        });
    }

    private static string AppContentRoot()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        using var stream = File.OpenRead(manifest);
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        return roots[typeof(Program).Assembly.FullName!];
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder.
            }
        }
    }
}
