using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using HealingCompass.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// An unknown username costs the same password-hash and key-derivation work as a real account with a wrong
/// secret, so timing the answers does not tell which usernames exist. The work is counted, never timed (the
/// times are measured by the benchmark, ADR 7).
/// </summary>
public sealed class SameWorkForUnknownUsernamesTests(SameWorkForUnknownUsernamesTests.CountingApp fixture)
    : IClassFixture<SameWorkForUnknownUsernamesTests.CountingApp>
{
    private readonly AccountsApp app = fixture.App;

    [Fact]
    public async Task Signing_in_as_an_unknown_username_verifies_a_password_hash_just_as_a_wrong_password_does()
    {
        var (first, userName, _) = await app.SignUpAsync("timed");
        first.Dispose();
        using var client = app.NewClient();
        await client.SignInAsync(AccountsApp.NewUserName("warm.up"), "not the password at all");

        var known = await CountVerificationsAsync(() => client.SignInAsync(userName, "not the password at all"));
        var unknown = await CountVerificationsAsync(() => client.SignInAsync(AccountsApp.NewUserName("nobody"), "not the password at all"));

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task Recovering_an_unknown_username_derives_a_key_just_as_a_wrong_recovery_key_does()
    {
        var (first, userName, _) = await app.SignUpAsync("timed.recovery");
        first.Dispose();
        using var client = app.NewClient();
        await client.RecoverAsync(AccountsApp.NewUserName("warm.up"), RecoveryKey.Generate(), AccountsApp.Password);
        var gate = app.Services.GetRequiredService<KeyDerivationGate>();

        var before = gate.Runs;
        await client.RecoverAsync(userName, RecoveryKey.Generate(), "tea gets cold while the snow falls");
        var known = gate.Runs - before;
        before = gate.Runs;
        await client.RecoverAsync(AccountsApp.NewUserName("nobody"), RecoveryKey.Generate(), "tea gets cold while the snow falls");
        var unknown = gate.Runs - before;

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
    }

    private async Task<long> CountVerificationsAsync(Func<Task> attempt)
    {
        var hasher = fixture.Hasher;
        var before = hasher.Verifications;
        await attempt();
        return hasher.Verifications - before;
    }

    /// <summary>The accounts app with its password hasher wrapped in a counter.</summary>
    public sealed class CountingApp : IDisposable
    {
        public CountingApp()
        {
            App = new AccountsApp(new Dictionary<string, string>(StringComparer.Ordinal), services =>
            {
                // Decorate whichever hasher the app registers (by type), keeping it for the real work.
                var real = services.Last(d => d.ServiceType == typeof(IPasswordHasher<ApplicationUser>)).ImplementationType
                    ?? throw new InvalidOperationException("The app's password hasher is not registered by type.");
                services.RemoveAll<IPasswordHasher<ApplicationUser>>();
                services.AddSingleton(real);
                services.AddSingleton<IPasswordHasher<ApplicationUser>>(sp => Hasher = new CountingHasher((IPasswordHasher<ApplicationUser>)sp.GetRequiredService(real)));
            });
        }

        public AccountsApp App { get; }

        public CountingHasher Hasher { get; private set; } = null!;

        public void Dispose() => App.Dispose();
    }

    /// <summary>Counts verifications and passes everything to the app's own hasher.</summary>
    public sealed class CountingHasher(IPasswordHasher<ApplicationUser> inner) : IPasswordHasher<ApplicationUser>
    {
        private long verifications;

        public long Verifications => Interlocked.Read(ref verifications);

        public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
