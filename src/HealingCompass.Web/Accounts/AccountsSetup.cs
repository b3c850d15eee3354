using System.Security.Claims;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using HealingCompass.Web.Safety;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Accounts;

/// <summary>Identity, the session cookie, lockout, the attempt limits (<see cref="AttemptLimit"/>) and the in-memory key store.</summary>
internal static class AccountsSetup
{
    public const string AccountPathPrefix = "/account";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.SectionName));
        var options = configuration.GetSection(AccountOptions.SectionName).Get<AccountOptions>() ?? new AccountOptions();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<ApplicationUser>(o =>
            {
                // OWASP ASVS 5.0 level 2: length, not composition; common passwords refused by a validator.
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = options.LockoutFor;
            })
            .AddEntityFrameworkStores<HealingCompassDbContext>()
            .AddSignInManager()
            .AddPasswordValidator<CommonPasswordValidator<ApplicationUser>>()
            // Identity's authenticator codes, each accepted once only.
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        // Two-step sign-in's authenticator key and recovery codes are encrypted at rest (docs/security.md).
        services.Replace(ServiceDescriptor.Scoped<IUserStore<ApplicationUser>, ProtectedTokenUserStore>());

        // Argon2id for new hashes, the key wrap's settings (ADR 7). Older PBKDF2-HMAC-SHA512 hashes (Identity's
        // v3 format, 220,000 iterations) still verify and are replaced at the next sign-in. One hasher for the
        // app (it keeps no per-request state), so stand-in hashes can be made once.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 220_000);
        services.AddSingleton<IPasswordHasher<ApplicationUser>, Argon2idPasswordHasher>();
        // Checked on every request, so a password change ends other sessions at their next request.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // Validation rebuilds the principal from the database; carry this sign-in's own claims over,
            // or the session id (which names the unlocked key) and the sign-in time would be lost.
            o.OnRefreshingPrincipal = context =>
            {
                var identity = context.NewPrincipal?.Identities.FirstOrDefault();
                foreach (var type in new[] { SessionClaims.SessionId, SessionClaims.IssuedUtc })
                {
                    if (identity is not null && context.CurrentPrincipal?.FindFirst(type) is { } claim && !identity.HasClaim(c => c.Type == type))
                    {
                        identity.AddClaim(new Claim(type, claim.Value));
                    }
                }
                return Task.CompletedTask;
            };
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "hc.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = options.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = AccountPathPrefix + "/login";
            o.LogoutPath = AccountPathPrefix + "/logout";
            o.AccessDeniedPath = AccountPathPrefix + "/login";
            o.Events.OnValidatePrincipal = ValidatePrincipalAsync;
        });
        // Outside Development the cookie is only ever sent over HTTPS, as a __Host- cookie (Path=/, no Domain).
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IHostEnvironment>((o, environment) =>
            {
                if (!environment.IsDevelopment())
                {
                    o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    o.Cookie.Name = Safety.TransportSecurity.CookieName("hc.session", environment);
                    o.Cookie.Path = "/";
                }
            });

        services.AddSingleton(new KdfParameters(options.KeyDerivationMemoryKiB, options.KeyDerivationIterations));
        services.AddSingleton<UnlockedKeys>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<ExpiredSessionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiredSessionSweeper>());
        services.AddForwardedHeadersFromConfiguration(configuration);
        services.AddSingleton<KeyDerivationGate>();
        services.AddSingleton<SameWorkForUnknownAccounts>();
        services.AddScoped<AccountService>();
        services.AddScoped<AccountAccess>();
        services.AddSingleton<AccountRemoval>();

        return services;
    }

    /// <summary>Sign-out, quick exit's lock and the sessions page's "End" buttons.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        MapSignOut(endpoints);
        SessionEndpoints.Map(endpoints);
    }

    /// <summary>Sign-out: end the session for good, forget the key, end the cookie, and ask the browser to clear what it kept.</summary>
    private static void MapSignOut(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(AccountPathPrefix + "/logout", async Task<IResult> (HttpContext http, AccountService accounts, IAntiforgery antiforgery) =>
        {
            // A minimal endpoint with no form parameter gets no automatic antiforgery check: do it here.
            if (!await AntiforgeryFailurePage.HasValidTokenAsync(antiforgery, http))
            {
                return TypedResults.BadRequest();
            }
            await accounts.SignOutAsync(http.User);
            http.Response.Headers["Clear-Site-Data"] = "\"cache\", \"cookies\", \"storage\"";
            return TypedResults.LocalRedirect("~/");
        });

    /// <summary>
    /// A POST that checks a secret (sign-in, sign-up, unlock, recovery, password change, "Delete my account").
    /// Ending a session (sign-out, quick exit's lock, "End" on the sessions page) and quick wipe are never
    /// limited: leaving must always work.
    /// </summary>
    internal static bool IsAccountAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.StartsWithSegments(AccountPathPrefix, StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments(AccountPathPrefix + "/logout", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments(SessionEndpoints.LockPath, StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments(SessionEndpoints.SessionsPath, StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments(Components.Safety.QuickWipeEndpoints.WipePath, StringComparison.OrdinalIgnoreCase);

    private static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptionsMonitor<AccountOptions>>().CurrentValue;
        if (context.Principal is not null && SessionLifetime.IsPastAbsoluteLifetime(context.Principal, options, services.GetRequiredService<TimeProvider>()))
        {
            services.GetRequiredService<UnlockedKeys>().Remove(context.Principal.FindFirstValue(SessionClaims.SessionId));
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // The session must still be live server-side: sign-out, quick exit's lock, "End" and a password
        // change delete its row, and then no copy of this cookie opens anything.
        var sessionId = context.Principal?.FindFirstValue(SessionClaims.SessionId);
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!await services.GetRequiredService<SessionStore>().IsLiveAsync(sessionId, userId, context.HttpContext.RequestAborted))
        {
            services.GetRequiredService<UnlockedKeys>().Remove(sessionId);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    internal static async Task WriteTooManyAttemptsAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            """
            <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Please wait a moment · HealingCompass</title><script src="/js/quick-exit.js"></script></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6">
            <main><h1>Please wait a moment</h1>
            <p>There have been several attempts for this account or from this connection in the last minute, so we've paused them briefly to keep accounts safe.
            Nothing you saved has changed. Please try again in a minute.</p>
            <p><a href="/">Go to the start</a> · <a href="/resources">Support contacts</a></p></main>
            </body></html>
            """, cancellationToken);
    }
}
