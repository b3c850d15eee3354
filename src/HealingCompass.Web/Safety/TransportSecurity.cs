using Microsoft.AspNetCore.Antiforgery;

namespace HealingCompass.Web.Safety;

/// <summary>
/// HTTPS-only settings outside Development: HSTS for a year including subdomains, and the antiforgery
/// cookie as a <c>__Host-</c> cookie (Secure, Path=/, no Domain), like the sign-in cookie. Development runs
/// over plain http, where browsers refuse <c>__Host-</c> cookies, so it keeps plain names there.
/// </summary>
internal static class TransportSecurity
{
    /// <summary>The cookie prefix that makes a browser insist on Secure, Path=/ and no Domain.</summary>
    public const string HostPrefix = "__Host-";

    public const string AntiforgeryCookieName = "hc.af";

    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    /// <summary>The name a cookie gets in this environment: <c>__Host-</c>-prefixed everywhere but Development.</summary>
    public static string CookieName(string name, IHostEnvironment environment) =>
        environment.IsDevelopment() ? name : HostPrefix + name;

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services)
    {
        // Preload is left off on purpose: it is a promise for the whole domain that is hard to undo (see docs/security.md).
        services.AddHsts(o =>
        {
            o.MaxAge = HstsMaxAge;
            o.IncludeSubDomains = true;
            o.Preload = false;
        });
        services.AddOptions<AntiforgeryOptions>().Configure<IHostEnvironment>((o, environment) =>
        {
            o.Cookie.Name = CookieName(AntiforgeryCookieName, environment);
            o.Cookie.Path = "/";
            o.Cookie.Domain = null;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        return services;
    }
}
