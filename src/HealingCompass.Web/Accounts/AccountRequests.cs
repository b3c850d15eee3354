using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// What the rate limiter needs to know about a request before it runs: the real client address (from
/// X-Forwarded-For, but only when the request came from a configured proxy) and the username an attempt
/// is for. Both run first in the pipeline through a startup filter.
/// </summary>
internal static class AccountRequests
{
    public const string ForwardedHeadersSection = "ForwardedHeaders";
    private const string UserNameItem = "hc:attempt-name";

    /// <summary>Binds "ForwardedHeaders:KnownProxies" (addresses) and "ForwardedHeaders:KnownNetworks" (CIDR).</summary>
    public static IServiceCollection AddForwardedHeadersFromConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ForwardedHeadersSection);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; trust only what is configured, so nobody can
            // choose their own address (and their own rate-limit partition) by sending the header.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        // With no proxy configured the middleware is left out: with empty lists it would trust the header
        // from anyone at all.
        var trustsAProxy = proxies.Length > 0 || networks.Length > 0;
        services.AddTransient<IStartupFilter>(_ => new AccountRequestsStartupFilter(trustsAProxy));
        return services;
    }

    /// <summary>The username an attempt names (sign-in, sign-up, recovery), else the signed-in one (unlock, password change).</summary>
    public static string AttemptedUserName(HttpContext http) =>
        http.Items[UserNameItem] as string
        ?? http.User.Identity?.Name?.Trim().ToUpperInvariant()
        ?? "(none)";

    private sealed class AccountRequestsStartupFilter(bool useForwardedHeaders) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (useForwardedHeaders)
            {
                app.UseForwardedHeaders();
            }
            app.Use(async (http, nextMiddleware) =>
            {
                if (AccountsSetup.IsAccountAttempt(http.Request) && http.Request.HasFormContentType)
                {
                    // Read (and buffer) the form once, asynchronously, so the limiter's partition can use the
                    // username; the page reads the same parsed form afterwards.
                    try
                    {
                        var form = await http.Request.ReadFormAsync(http.RequestAborted);
                        var name = form["Input.UserName"].ToString().Trim();
                        if (name.Length > 0)
                        {
                            http.Items[UserNameItem] = name.ToUpperInvariant();
                        }
                    }
                    catch (InvalidDataException)
                    {
                        // A body no form sends (a multipart with no boundary, a broken encoding): it names nobody,
                        // so it counts against the address alone, and the antiforgery check refuses it kindly.
                    }
                }
                await nextMiddleware(http);
            });
            next(app);
        };
    }
}
