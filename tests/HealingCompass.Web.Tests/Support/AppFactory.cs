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

    /// <summary>The quick-exit address the app is configured with.</summary>
    public string NeutralUrl { get; init; } = TestNeutralUrl;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("QuickExit:NeutralUrl", NeutralUrl);
        // Keep the test output readable: only warnings and errors from the app's own logging.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware", "Warning");
    }
}
