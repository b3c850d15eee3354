using System.Globalization;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using HealingCompass.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// The real app as it is deployed, for the account flow tests: Production, on real Kestrel over HTTPS on
/// loopback, with a real SQLite file in a data folder of its own (see <see cref="KestrelApp"/>). Every test
/// client comes from 127.0.0.1, so the rate limits are raised here; the limits themselves, and lockout, have
/// tests with their own settings.
/// </summary>
public sealed class AccountsApp : IDisposable
{
    /// <summary>A passphrase the common-password check accepts.</summary>
    public const string Password = "lanterns drift over the quiet harbour";

    /// <summary>The sign-in cookie's name outside Development.</summary>
    public const string SessionCookie = "__Host-hc.session";

    public AccountsApp()
        : this(new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }

    internal AccountsApp(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? appConfiguration = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Accounts:AttemptsPerMinute"] = "10000",
            ["Accounts:AttemptsPerAddressPerMinute"] = "10000",
            ["Verify:ChecksPerAddressPerMinute"] = "10000",
            // The OWASP minimum instead of 64 MiB, t=3: the same code paths, a third of the time (ADR 7).
            ["Accounts:KeyDerivationMemoryKiB"] = KdfParameters.MinimumMemoryKiB.ToString(CultureInfo.InvariantCulture),
            ["Accounts:KeyDerivationIterations"] = KdfParameters.MinimumIterations.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        Server = KestrelApp.Start("Production", settings: all, services: services, appConfiguration: appConfiguration);
    }

    /// <summary>The app on <paramref name="clock"/>, which the test moves (start it at the real time, so cookies stay valid).</summary>
    internal static AccountsApp OnClock(FakeTimeProvider clock) =>
        new(new Dictionary<string, string>(StringComparer.Ordinal), services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });

    /// <summary>The running app (its services, address and certificate).</summary>
    public KestrelApp Server { get; }

    public IServiceProvider Services => Server.Services;

    /// <summary>A browser-like client: keeps cookies, follows no redirects, reads the forms; sends <paramref name="userAgent"/> when given.</summary>
    internal AccountFormClient NewClient(string? userAgent = null)
    {
        var http = Server.NewClient();
        if (userAgent is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        }
        return new AccountFormClient(http);
    }

    /// <summary>A client with no cookie jar, for replaying a copied cookie by hand.</summary>
    public HttpClient NewBareClient() => Server.NewClient(handleCookies: false);

    /// <summary>A username no other test uses (letters, dots and digits; under 64 characters).</summary>
    public static string NewUserName(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    /// <summary>The sign-in cookie a response set, as "name=value".</summary>
    internal static string SessionCookieOf(PageResponse page) =>
        page.SetCookie(SessionCookie)?.Split(';')[0] ?? throw new InvalidOperationException($"No sign-in cookie was set: {page}");

    /// <summary>A new account made through the sign-up form; the client stays signed in.</summary>
    internal async Task<(AccountFormClient Client, string UserName, string RecoveryKey)> SignUpAsync(string prefix, string password = Password, string? userAgent = null)
    {
        var client = NewClient(userAgent);
        var userName = NewUserName(prefix);
        var page = await client.RegisterAsync(userName, password);
        var recoveryKey = page.TextOf(".hc-recovery-key")
            ?? throw new InvalidOperationException($"Sign-up did not show a recovery key: {page}");
        return (client, userName, recoveryKey);
    }

    /// <summary>GETs <paramref name="path"/> with exactly this cookie and nothing else, as someone who copied it would.</summary>
    internal async Task<PageResponse> ReplayAsync(string cookie, string path)
    {
        using var replayer = NewBareClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await replayer.SendAsync(request, TestContext.Current.CancellationToken);
        return await PageResponse.ReadAsync(response);
    }

    /// <summary>The account as Identity stores it, or null.</summary>
    public async Task<ApplicationUser?> FindUserAsync(string userName)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.FindByNameAsync(userName);
    }

    /// <summary>Moves the account's lockout end to <paramref name="ago"/> before now, as if its window had run out.</summary>
    public async Task EndLockoutAsync(string userName, TimeSpan ago)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No account {userName}.");
        var result = await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow - ago);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The lockout end was not moved: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        }
    }

    /// <summary>The account's keyring as stored in the database.</summary>
    public async Task<Keyring> ReadKeyringAsync(string userId)
    {
        await using var db = await Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var stored = await db.Keyrings.AsNoTracking().SingleAsync(k => k.UserId == userId, TestContext.Current.CancellationToken);
        return Keyring.FromBlobs(stored.PasswordWrapped, stored.RecoveryWrapped);
    }

    public IDbContextFactory<HealingCompassDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();

    public void Dispose()
    {
        Server.Dispose();
        Server.DeleteDataDirectory();
    }
}
