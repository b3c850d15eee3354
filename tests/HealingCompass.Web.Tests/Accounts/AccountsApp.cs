using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using HealingCompass.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// The real app with its own SQLite file (see <see cref="AppFactory"/>), for the account flow tests. Every
/// test client shares one address as far as the rate limiter can tell, so the limit is raised here; the limit
/// itself, and lockout, have tests with their own settings.
/// </summary>
public sealed class AccountsApp : IDisposable
{
    /// <summary>A passphrase the common-password check accepts.</summary>
    public const string Password = "lanterns drift over the quiet harbour";

    private readonly AppFactory root = new();

    public AccountsApp()
        : this(new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }

    internal AccountsApp(IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null)
    {
        Factory = root.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Accounts:AttemptsPerMinute", "10000");
            builder.UseSetting("Accounts:AttemptsPerAddressPerMinute", "10000");
            // The OWASP minimum instead of 64 MiB, t=3: the same code paths, a third of the time (ADR 7).
            builder.UseSetting("Accounts:KeyDerivationMemoryKiB", KdfParameters.MinimumMemoryKiB.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Accounts:KeyDerivationIterations", KdfParameters.MinimumIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            if (services is not null)
            {
                builder.ConfigureServices(services);
            }
        });
    }

    public WebApplicationFactory<Program> Factory { get; }

    internal AccountFormClient NewClient() => new(Factory);

    /// <summary>A username no other test uses (letters, dots and digits; under 64 characters).</summary>
    public static string NewUserName(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    /// <summary>A new account made through the sign-up form; the client stays signed in.</summary>
    internal async Task<(AccountFormClient Client, string UserName, string RecoveryKey)> SignUpAsync(string prefix, string password = Password)
    {
        var client = NewClient();
        var userName = NewUserName(prefix);
        var page = await client.RegisterAsync(userName, password);
        var recoveryKey = page.TextOf(".hc-recovery-key")
            ?? throw new InvalidOperationException($"Sign-up did not show a recovery key: {page}");
        return (client, userName, recoveryKey);
    }

    /// <summary>The account as Identity stores it, or null.</summary>
    public async Task<ApplicationUser?> FindUserAsync(string userName)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.FindByNameAsync(userName);
    }

    /// <summary>The account's keyring as stored in the database.</summary>
    public async Task<Keyring> ReadKeyringAsync(string userId)
    {
        await using var db = await Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var stored = await db.Keyrings.AsNoTracking().SingleAsync(k => k.UserId == userId, TestContext.Current.CancellationToken);
        return Keyring.FromBlobs(stored.PasswordWrapped, stored.RecoveryWrapped);
    }

    public IDbContextFactory<HealingCompassDbContext> Contexts => Factory.Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();

    public void Dispose() => root.Dispose(); // disposes the derived factory too, then deletes the database file
}
