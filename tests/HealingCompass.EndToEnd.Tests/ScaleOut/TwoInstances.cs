using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HealingCompass.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Two app processes (the built <c>HealingCompass.Web.dll</c>) on one new database in the test run's PostgreSQL,
/// behind Debian's nginx with sticky sessions, as docs/deploy.md sets them up: a route cookie nginx gives each
/// browser, hashed consistently onto an instance, WebSockets passed through, and a request moved to the other
/// instance when its own is gone. Each instance has its own data folder: only the database is shared.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    public const string PostgresVariable = "HEALINGCOMPASS_TEST_POSTGRES";
    public const string NginxPath = "/usr/sbin/nginx";

    /// <summary>nginx names the instance that answered, so a test knows which one to stop.</summary>
    public const string ServedByHeader = "X-Served-By";

    private readonly string folder;
    private readonly string database;
    private readonly Process nginx;

    private TwoInstances(string folder, string database, string connectionString, AppProcess a, AppProcess b, Process nginx, Uri proxy)
    {
        ConnectionString = connectionString;
        this.folder = folder;
        this.database = database;
        A = a;
        B = b;
        this.nginx = nginx;
        Proxy = proxy;
    }

    /// <summary>The one database both instances use.</summary>
    public string ConnectionString { get; }

    public AppProcess A { get; }

    public AppProcess B { get; }

    /// <summary>Where the browser goes: nginx on loopback.</summary>
    public Uri Proxy { get; }

    /// <summary>The instance whose address nginx reported in <see cref="ServedByHeader"/>.</summary>
    public AppProcess ServedBy(string upstream) =>
        upstream == A.Authority ? A : upstream == B.Authority ? B : throw new InvalidOperationException($"nginx named {upstream}, which is neither instance.");

    public static async Task<TwoInstances> StartAsync(IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with the README's test command (bash tests/run.sh), which starts a throwaway PostgreSQL on loopback.");
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException($"nginx is not installed at {NginxPath}. The README's test command installs it (apt-get install nginx).");
        }
        var folder = Directory.CreateTempSubdirectory("healingcompass-twin-").FullName;
        var database = $"hc_twin_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"", cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

        // One after the other: the first applies the migrations and writes the key ring; the second finds both.
        var onPostgres = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__HealingCompass"] = connectionString,
        };
        var a = await AppProcess.StartAsync("a", Path.Combine(folder, "a"), onPostgres, cancellationToken);
        var b = await AppProcess.StartAsync("b", Path.Combine(folder, "b"), onPostgres, cancellationToken);
        var port = FreePort();
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, NginxConfig(folder, port, a.Port, b.Port), cancellationToken);
        var nginx = Process.Start(new ProcessStartInfo(NginxPath, ["-p", folder, "-c", config, "-e", Path.Combine(folder, "error.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("nginx did not start.");
        var rig = new TwoInstances(folder, database, connectionString, a, b, nginx, new Uri($"http://127.0.0.1:{port}/"));
        await WaitForAsync(rig.Proxy, nginx, cancellationToken);
        return rig;
    }

    /// <summary>
    /// nginx in the foreground as one process (no master, no workers to switch users), everything in the rig's
    /// folder. The route cookie is nginx's own; the app never sees a difference between the two hops.
    /// </summary>
    private static string NginxConfig(string folder, int port, int a, int b) => $$"""
        daemon off;
        master_process off;
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log warn;
        events { worker_connections 256; }
        http {
          access_log {{folder}}/access.log;
          client_body_temp_path {{folder}}/body;
          proxy_temp_path {{folder}}/proxy;
          fastcgi_temp_path {{folder}}/fastcgi;
          uwsgi_temp_path {{folder}}/uwsgi;
          scgi_temp_path {{folder}}/scgi;
          map $http_upgrade $connection_upgrade { default upgrade; '' close; }
          map $cookie_hcroute $route { '' $request_id; default $cookie_hcroute; }
          upstream healingcompass {
            hash $route consistent;
            server 127.0.0.1:{{a}} max_fails=1 fail_timeout=30s;
            server 127.0.0.1:{{b}} max_fails=1 fail_timeout=30s;
          }
          server {
            listen 127.0.0.1:{{port}};
            client_max_body_size 30m;
            location / {
              proxy_pass http://healingcompass;
              proxy_http_version 1.1;
              proxy_set_header Host $http_host;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection $connection_upgrade;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
              proxy_set_header X-Forwarded-Proto $scheme;
              proxy_connect_timeout 2s;
              proxy_read_timeout 120s;
              proxy_next_upstream error timeout;
              add_header Set-Cookie "hcroute=$route; Path=/; HttpOnly; SameSite=Strict" always;
              add_header {{ServedByHeader}} $upstream_addr always;
            }
          }
        }
        """;

    private static async Task WaitForAsync(Uri proxy, Process nginx, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = proxy };
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (nginx.HasExited)
            {
                throw new InvalidOperationException($"nginx stopped on start: {await nginx.StandardError.ReadToEndAsync(cancellationToken)}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(50, cancellationToken);
        }
        throw new InvalidOperationException("nginx did not answer within ten seconds.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!nginx.HasExited)
        {
            nginx.Kill();
        }
        await nginx.WaitForExitAsync();
        nginx.Dispose();
        A.Dispose();
        B.Dispose();
        var server = Environment.GetEnvironmentVariable(PostgresVariable)!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task ExecuteAsync(string server, string sql, CancellationToken cancellationToken)
    {
        // The maintenance database: the cluster has none named after the user.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// One app instance as its own process: the web project's build output in Development (so the build's static
/// assets are served and cookies work over loopback HTTP), with the test hosts' fast Argon2id; on SQLite in its data
/// folder unless the settings name PostgreSQL. (The load run's scale-out comparison uses it too.)
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output;

    private AppProcess(string name, Process process, int port, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        this.output = output;
        Name = name;
        this.process = process;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>How nginx names it in <c>$upstream_addr</c>.</summary>
    public string Authority => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public Uri Address => new($"http://{Authority}/");

    public bool HasExited => process.HasExited;

    /// <summary>The last lines the instance wrote (warnings and errors only, at the level it runs with).</summary>
    public string RecentOutput => string.Join('\n', output);

    /// <summary>Where quick exit goes; the test browser answers it locally.</summary>
    public const string NeutralUrl = "https://neutral.test/weather";

    public static async Task<AppProcess> StartAsync(string name, string dataDirectory, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var dll = WebDll();
        var port = TwoInstances.FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Accounts__KeyDerivationMemoryKiB"] = "19456";
        start.Environment["Accounts__KeyDerivationIterations"] = "2";
        start.Environment["Accounts__AttemptsPerMinute"] = "10000";
        start.Environment["Accounts__AttemptsPerAddressPerMinute"] = "10000";
        start.Environment["QuickExit__NeutralUrl"] = NeutralUrl;
        start.Environment["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Instance {name} did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(name, process, port, output);
        await app.WaitUntilReadyAsync(output, cancellationToken);
        return app;
    }

    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
            while (output.Count > 400 && output.TryDequeue(out _))
            {
            }
        }
    }

    /// <summary>Ends the instance at once (SIGKILL), as a crash or a lost machine would.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private async Task WaitUntilReadyAsync(System.Collections.Concurrent.ConcurrentQueue<string> output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Instance {Name} stopped on start (exit code {process.ExitCode}):\n{string.Join('\n', output)}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/healthz/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new InvalidOperationException($"Instance {Name} was not ready within a minute:\n{string.Join('\n', output)}");
    }

    /// <summary>The web project's own build output, in this test build's configuration (the solution builds it).</summary>
    private static string WebDll()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "HealingCompass.Web", "bin", bin.Parent.Name, bin.Name, "HealingCompass.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built (dotnet build HealingCompass.sln first).");
    }
}
