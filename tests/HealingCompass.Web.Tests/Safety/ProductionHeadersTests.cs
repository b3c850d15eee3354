using System.Net;
using HealingCompass.Web.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Safety;

/// <summary>
/// The app in Production over HTTPS on real Kestrel: every route it maps (read from its own endpoint data
/// source, so a new page or endpoint is covered without touching this test) answers with the transport and
/// isolation headers, and every cookie it sets is a <c>__Host-</c> cookie: Secure, Path=/, no Domain.
/// </summary>
public sealed class ProductionHeadersTests : IDisposable
{
    private readonly KestrelApp app = KestrelApp.Start("Production");

    [Fact]
    public async Task Every_route_sends_hsts_isolation_and_content_policy_headers_and_only_host_prefixed_secure_cookies()
    {
        var routes = Routes();
        Assert.Contains(routes, r => r.Path == "/" && r.Method == "GET");
        Assert.Contains(routes, r => r.Path == "/account/login" && r.Method == "GET");
        Assert.Contains(routes, r => r.Path == "/account/logout" && r.Method == "POST");
        Assert.Contains(routes, r => r.Path.StartsWith("/_content/MudBlazor/", StringComparison.Ordinal)); // static assets too

        // Once as a stranger (the antiforgery cookie is set on the first form page), then signed in, so routes
        // that behave differently for an account, and the session cookie, are covered too.
        using var anonymous = app.NewClient();
        using var http = app.NewClient();
        var signUp = await new AccountFormClient(http).RegisterAsync(Accounts.AccountsApp.NewUserName("headers"), Accounts.AccountsApp.Password);
        Assert.NotNull(signUp.SetCookie("__Host-hc.session"));
        var cookies = new List<string>(signUp.SetCookies);

        var problems = new List<string>();
        foreach (var client in new[] { anonymous, http })
        {
            foreach (var (method, path) in routes)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
                if (method == "POST")
                {
                    request.Content = new FormUrlEncodedContent([]);
                }
                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
                problems.AddRange(HeaderProblems(response).Select(p => $"{method} {path} ({(int)response.StatusCode}): {p}"));
                cookies.AddRange(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : []);
            }
        }

        Assert.Empty(problems);
        Assert.Contains(cookies, c => c.StartsWith("__Host-hc.af=", StringComparison.Ordinal)); // the antiforgery cookie was among them
        Assert.All(cookies, cookie =>
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
            Assert.Contains("secure", attributes);
            Assert.Contains("path=/", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=strict", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        });
    }

    private static IEnumerable<string> HeaderProblems(HttpResponseMessage response)
    {
        string? One(string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

        if (One("Strict-Transport-Security") != "max-age=31536000; includeSubDomains")
        {
            yield return $"Strict-Transport-Security was '{One("Strict-Transport-Security")}'";
        }
        var policy = One("Content-Security-Policy") ?? "";
        // default-src 'none' is the stricter policy of a journal file's response (nothing at all may load).
        if (!policy.Contains("base-uri 'none'", StringComparison.Ordinal)
            || !(policy.Contains("default-src 'self'", StringComparison.Ordinal) || policy.Contains("default-src 'none'", StringComparison.Ordinal)))
        {
            yield return $"Content-Security-Policy was '{policy}'";
        }
        if (One("Cross-Origin-Opener-Policy") != "same-origin")
        {
            yield return $"Cross-Origin-Opener-Policy was '{One("Cross-Origin-Opener-Policy")}'";
        }
        if (One("Cross-Origin-Resource-Policy") != "same-origin")
        {
            yield return $"Cross-Origin-Resource-Policy was '{One("Cross-Origin-Resource-Policy")}'";
        }
        var permissions = One("Permissions-Policy") ?? "";
        if (permissions.Contains("interest-cohort", StringComparison.Ordinal) || !permissions.Contains("geolocation=()", StringComparison.Ordinal))
        {
            yield return $"Permissions-Policy was '{permissions}'";
        }
        if (One("X-Content-Type-Options") != "nosniff")
        {
            yield return "X-Content-Type-Options missing";
        }
    }

    /// <summary>
    /// Every route the running app maps, as (method, path). Catch-all parameters are filled with a name that
    /// matches nothing; other parameters with "x".
    /// </summary>
    private List<(string Method, string Path)> Routes()
    {
        var routes = new SortedSet<(string Method, string Path)>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(Segment));
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["GET"];
            foreach (var method in methods.Where(m => m is "GET" or "POST"))
            {
                routes.Add((method, path));
            }
        }
        return [.. routes];
    }

    private static string Segment(RoutePatternPathSegment segment) =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { IsCatchAll: true } => "no-such-file",
            RoutePatternParameterPart => "x",
            _ => "",
        }));

    public void Dispose()
    {
        app.Dispose();
        app.DeleteDataDirectory();
    }
}
