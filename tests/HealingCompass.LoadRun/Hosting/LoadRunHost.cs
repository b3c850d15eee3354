using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.LoadRun.Hosting;

/// <summary>
/// The real app on real Kestrel on a free loopback port, in this process, so its managed heap can be read.
/// </summary>
/// <remarks>
/// Not the end-to-end tests' <c>AppHost</c>, on purpose: that factory (sealed, private constructor) logs every
/// category at Verbose into a file, so each SignalR frame and render batch of 40 tabs would be formatted and
/// written to disk on a 2-core machine, which is not the app's configuration; and the load run needs two
/// hooks only <see cref="ConfigureWebHost"/> can add: a byte counter on Kestrel's connections (the only
/// place where WebSocket bytes are seen as sent, compressed) and a circuit count (to know circuits are
/// gone between scenarios). Everything else matches: Development environment (static web assets come
/// from the build output, precompressed with gzip), the app's own <c>Program</c> and services.
/// </remarks>
internal sealed class LoadRunHost : WebApplicationFactory<Program>
{
    private readonly Action<IWebHostBuilder>? extra;

    private LoadRunHost(Action<IWebHostBuilder>? extra) => this.extra = extra;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Open circuits, read by a circuit handler registered alongside the app's services.</summary>
    public CircuitTally Circuits { get; } = new();

    /// <summary>Bytes on the wire per connection, while counting is switched on.</summary>
    public WireCounter Wire { get; } = new();

    /// <param name="extra">More host configuration, applied after the load run's own (the throughput run adds its
    /// static floor page this way: the product never ships it).</param>
    public static LoadRunHost Start(Action<IWebHostBuilder>? extra = null)
    {
        var host = new LoadRunHost(extra);
        host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.Use(host.Wire.Middleware)));
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address);
        return host;
    }

    private static string AppContentRoot()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        using var stream = File.OpenRead(manifest);
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        return roots[typeof(Program).Assembly.FullName!];
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // The factory finds the app's folder through MvcTestingAppManifest.json in the *current* directory, as
        // a test runner sets it; this program runs from the repository root, so read the manifest from here.
        builder.UseContentRoot(AppContentRoot());
        builder.UseSetting("urls", "http://127.0.0.1:0");
        // The app's own levels (Information; ASP.NET Core at Warning); only the console is kept to warnings,
        // so the run's own output stays readable.
        builder.UseSetting("Serilog:WriteTo:0:Args:restrictedToMinimumLevel", "Warning");
        // One shared handler object for every circuit: nothing per circuit beyond the handler array Blazor
        // builds anyway.
        builder.ConfigureServices(services => services.AddSingleton<CircuitHandler>(Circuits));
        extra?.Invoke(builder);
    }
}
