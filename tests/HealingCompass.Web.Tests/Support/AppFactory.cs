using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HealingCompass.Web.Tests.Support;

/// <summary>
/// The real app, in process, on the test server. Development serves static web assets straight from the
/// build output (outside it they need a publish). Quick exit points to a test address so the tests can see
/// that the configured address, and not the default, reaches the page.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string TestNeutralUrl = "https://neutral.example/weather";

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"healingcompass-web-tests-{Guid.NewGuid():N}.db");

    // The data folder (key ring) of this app alone, removed afterwards.
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"healingcompass-web-tests-{Guid.NewGuid():N}");

    /// <summary>The quick-exit address the app is configured with.</summary>
    public string NeutralUrl { get; init; } = TestNeutralUrl;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("QuickExit:NeutralUrl", NeutralUrl);
        // A real SQLite file of its own, migrated at start like the app's, removed afterwards.
        builder.UseSetting("ConnectionStrings:HealingCompass", $"Data Source={databasePath}");
        builder.UseSetting("Storage:DataDirectory", dataDirectory);
        // Keep the test output readable: only warnings and errors from the app's own logging.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(databasePath + suffix);
            }
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
