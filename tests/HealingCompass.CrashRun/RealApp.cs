using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace HealingCompass.CrashRun;

/// <summary>
/// The built web app as a child process (<c>dotnet HealingCompass.Web.dll --urls http://127.0.0.1:port</c>),
/// Production, on the run's data folder, with the test hosts' settings: the OWASP-minimum Argon2id and rate
/// limits raised, since every request comes from 127.0.0.1.
/// </summary>
public sealed class RealApp : IDisposable
{
    private readonly Process process;

    private RealApp(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<RealApp> StartAsync(string webDll, string dataDirectory, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [webDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Accounts__KeyDerivationMemoryKiB"] = "19456";
        start.Environment["Accounts__KeyDerivationIterations"] = "2";
        start.Environment["Accounts__AttemptsPerMinute"] = "10000";
        start.Environment["Accounts__AttemptsPerAddressPerMinute"] = "10000";
        // Production refuses forms over plain HTTP; the run stands where a TLS-ending reverse proxy would, on
        // loopback, and says so with X-Forwarded-Proto (docs/security.md, ForwardedHeaders).
        start.Environment["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The web app did not start.");
        // Drain its output so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new RealApp(process, new Uri($"http://127.0.0.1:{port}/"));
        await app.WaitUntilServingAsync(cancellationToken);
        return app;
    }

    /// <summary>A browser-like client for this app.</summary>
    public FormClient NewClient() => new(Address);

    /// <summary>Ends the app at once (SIGKILL), as a crash would, and waits for it to be gone.</summary>
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

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The web app stopped on start (exit code {process.ExitCode}).");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/account/login", UriKind.Relative), cancellationToken);
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
        throw new InvalidOperationException("The web app did not answer within a minute.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// Uses the static account forms the way a browser does (the minimum of the web tests' AccountFormClient): GETs
/// the page, takes the Blazor form's hidden fields (<c>_handler</c>, the antiforgery token) and posts them back
/// with what a person typed, as if through a TLS-ending proxy (<c>X-Forwarded-Proto: https</c>). Cookies are kept
/// by hand, because the app's are <c>Secure</c> and the hop is plain HTTP on loopback; redirects are not followed.
/// </summary>
public sealed partial class FormClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    public FormClient(Uri address)
    {
#pragma warning disable CA2000 // the client owns the handler
        http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
#pragma warning restore CA2000
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
    }

    /// <summary>Signs up through <c>/account/register</c>; true when the page showed the new recovery key.</summary>
    public async Task<bool> RegisterAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var (status, html) = await PostFormAsync("/account/register", "register", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["Input.UnderstandsRecovery"] = "true",
        }, cancellationToken);
        return status == HttpStatusCode.OK && html.Contains("hc-recovery-key", StringComparison.Ordinal);
    }

    /// <summary>Signs in through <c>/account/login</c>; true when the app answered with a redirect and a sign-in cookie.</summary>
    public async Task<bool> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var (status, _) = await PostFormAsync("/account/login", "sign-in", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }, cancellationToken);
        return (int)status is >= 300 and < 400 && cookies.Keys.Any(k => k.Contains("session", StringComparison.Ordinal));
    }

    public void Dispose() => http.Dispose();

    private async Task<(HttpStatusCode Status, string Html)> PostFormAsync(string path, string formName, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var (getStatus, page) = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
        if (getStatus != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)getStatus}.");
        }
        var form = Forms(page).FirstOrDefault(f => f.TryGetValue("_handler", out var h) && h == formName)
            ?? throw new InvalidOperationException($"No form {formName} on {path}.");
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }
        using var content = new FormUrlEncodedContent(form);
        return await SendAsync(HttpMethod.Post, path, content, cancellationToken);
    }

    private async Task<(HttpStatusCode, string)> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';')[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    cookies[pair[..equals]] = pair[(equals + 1)..];
                }
            }
        }
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Each form's hidden fields, by name.</summary>
    private static List<Dictionary<string, string>> Forms(string html) =>
        [.. FormPattern().Matches(html).Select(form =>
        {
            var hidden = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match input in InputPattern().Matches(form.Value))
            {
                var tag = input.Value;
                if (Attribute(tag, "type") == "hidden" && Attribute(tag, "name") is { Length: > 0 } name)
                {
                    hidden[name] = Attribute(tag, "value") ?? "";
                }
            }
            return hidden;
        })];

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<form\\b.*?</form>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex InputPattern();
}

/// <summary>Formats figures the same way everywhere in the report.</summary>
internal static class Figures
{
    public static string N(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
