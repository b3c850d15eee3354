using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Support;

/// <summary>
/// The real app on real Kestrel over HTTPS, with a certificate made for the test, in the environment a test
/// chooses (Production by default). Its data folder (database, key ring) is a temp folder of its own, kept
/// across a restart when a test passes the same folder in, and removed by <see cref="DeleteDataDirectory"/>.
/// Clients reach it as <see cref="HostName"/> (which the app does not treat as localhost, so HSTS is sent),
/// connected to the loopback port underneath.
/// </summary>
public sealed class KestrelApp : WebApplicationFactory<Program>
{
    public const string HostName = "healingcompass.test";

    private readonly string environment;
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;
    private readonly IReadOnlyDictionary<string, string?>? appConfiguration;

    private KestrelApp(string environment, string dataDirectory, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services, IReadOnlyDictionary<string, string?>? appConfiguration)
    {
        this.environment = environment;
        DataDirectory = dataDirectory;
        this.settings = new Dictionary<string, string?>(settings, StringComparer.Ordinal);
        this.services = services;
        this.appConfiguration = appConfiguration;
    }

    /// <summary>The app's data folder: <c>healingcompass.db</c> and its journal files, and <c>keys/</c>.</summary>
    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "healingcompass.db");

    public int Port { get; private set; }

    public Uri BaseAddress => new($"https://{HostName}:{Port}/");

    /// <summary>The server's TLS certificate, made for this host and trusted by this host's clients only.</summary>
    public X509Certificate2 Certificate { get; } = CreateCertificate(HostName);

    /// <summary>A new data folder path under the temp folder (not created: the app creates it).</summary>
    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), $"healingcompass-kestrel-{Guid.NewGuid():N}");

    /// <summary>
    /// Starts the app; <paramref name="services"/> may change its registrations (e.g. wrap one to count its calls);
    /// <paramref name="appConfiguration"/> is app configuration read last, e.g. Serilog levels (host settings reach
    /// Serilog's reader with empty parent values).
    /// </summary>
    public static KestrelApp Start(string environment = "Production", string? dataDirectory = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? appConfiguration = null)
    {
        var app = new KestrelApp(environment, dataDirectory ?? NewDataDirectory(), settings ?? new Dictionary<string, string?>(), services, appConfiguration);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(app.Certificate)));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        app.Port = new Uri(address).Port;
        return app;
    }

    /// <summary>The address a request from this site's own pages carries in its Origin header.</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>A client that keeps cookies, does not follow redirects, and trusts only this app's certificate.</summary>
    public HttpClient NewClient(bool handleCookies = true)
    {
        var port = Port;
        var thumbprint = Certificate.Thumbprint;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = handleCookies,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 c && c.Thumbprint == thumbprint,
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    /// <summary>Deletes the data folder once every connection to its database has closed.</summary>
    public void DeleteDataDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>A self-signed certificate for <paramref name="dnsName"/>, with its private key, valid for a day.</summary>
    public static X509Certificate2 CreateCertificate(string dnsName, bool forEncryption = false)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var usage = forEncryption ? X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: false));
        if (!forEncryption)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(dnsName);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        }
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so the private key is usable by TLS on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Host settings, not app configuration: Program reads storage and key ring settings while it registers
        // services, before the factory's configuration callbacks run.
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("QuickExit:NeutralUrl", AppFactory.TestNeutralUrl);
        builder.UseSetting("Accounts:AttemptsPerMinute", "10000");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Warning",
        }));
        if (appConfiguration is not null)
        {
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(appConfiguration));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Certificate.Dispose();
        }
    }
}
