using System.Net;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.Encryption;
using HealingCompass.Domain.Assessment;
using HealingCompass.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// Accounts made before ADR 7's amendment (a PBKDF2 password hash and a data key wrapped at 19 MiB, t=2) are
/// upgraded to today's Argon2id at their next sign-in and still open their saved data; and a burst of
/// sign-ins never runs more derivations at once than configured.
/// </summary>
public sealed class KeyDerivationUpgradeTests(KeyDerivationUpgradeTests.UpgradeApp fixture) : IClassFixture<KeyDerivationUpgradeTests.UpgradeApp>
{
    /// <summary>Today's settings in this app: different from the old ones, and cheap enough for a test.</summary>
    private const int CurrentMemoryKiB = 20_480;

    private readonly AccountsApp app = fixture.App;

    [Fact]
    public async Task An_old_PBKDF2_hash_and_an_old_wrap_are_upgraded_at_sign_in_and_still_open_the_saved_draft()
    {
        var (first, userName, _) = await app.SignUpAsync("veteran");
        first.Dispose();
        var userId = (await app.FindUserAsync(userName))!.Id;
        var store = app.Services.GetRequiredService<SavedAssessmentStore>();
        await MakeItOldAsync(userId, store);

        using var client = app.NewClient();
        var signedIn = await client.SignInAsync(userName, AccountsApp.Password);
        Assert.Equal(HttpStatusCode.Found, signedIn.Status);

        var user = await app.FindUserAsync(userName);
        Assert.StartsWith($"$argon2id$v=19$m={CurrentMemoryKiB},t=2,p=1$", user!.PasswordHash, StringComparison.Ordinal);
        var keyring = await app.ReadKeyringAsync(userId);
        Assert.Equal(CurrentMemoryKiB, keyring.PasswordWrapped.Kdf.MemoryKiB);
        using (var key = keyring.UnlockWithPassword(userId, AccountsApp.Password))
        {
            var draft = await store.LoadDraftAsync(userId, key, TestContext.Current.CancellationToken);
            Assert.Equal("Saved under the old settings.", draft?["reflection.notes"]?.Text);
        }

        using var again = app.NewClient();
        Assert.Equal(HttpStatusCode.Found, (await again.SignInAsync(userName, AccountsApp.Password)).Status);
        Assert.Contains("don't match an account", (await again.SignInAsync(userName, "not the password at all")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_burst_of_sign_ins_never_runs_more_derivations_at_once_than_configured()
    {
        var (first, userName, _) = await app.SignUpAsync("crowd");
        first.Dispose();
        var gate = app.Services.GetRequiredService<KeyDerivationGate>();
        var clients = Enumerable.Range(0, 8).Select(_ => app.NewClient()).ToList();
        try
        {
            var before = gate.Runs;
            var pages = await Task.WhenAll(clients.Select(c => c.SignInAsync(userName, AccountsApp.Password)));

            Assert.All(pages, page => Assert.Equal(HttpStatusCode.Found, page.Status));
            Assert.True(gate.Runs - before >= 16, $"{gate.Runs - before} derivations"); // a hash and an unwrap each
            Assert.Equal(2, gate.Limit);
            Assert.InRange(gate.PeakConcurrent, 1, 2);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Puts back what the app stored before: Identity's PBKDF2 hash and a wrap at 19 MiB, t=2.</summary>
    private async Task MakeItOldAsync(string userId, SavedAssessmentStore store)
    {
        await using var db = await app.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == userId, TestContext.Current.CancellationToken);
        var pbkdf2 = new PasswordHasher<ApplicationUser>(Options.Create(new PasswordHasherOptions { IterationCount = 220_000 }));
        user.PasswordHash = pbkdf2.HashPassword(user, AccountsApp.Password);
        var stored = await db.Keyrings.SingleAsync(k => k.UserId == userId, TestContext.Current.CancellationToken);
        var keyring = Keyring.FromBlobs(stored.PasswordWrapped, stored.RecoveryWrapped);
        using var key = keyring.UnlockWithPassword(userId, AccountsApp.Password);
        stored.PasswordWrapped = keyring.Rewrap(key, userId, AccountsApp.Password, KdfParameters.OwaspMinimum).PasswordWrapped.ToBlob();
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var answers = new AnswerSet().Set("reflection.notes", AnswerValue.FreeText("Saved under the old settings."));
        await store.SaveDraftAsync(userId, key, answers, TestContext.Current.CancellationToken);

        Assert.False(PasswordHash.IsThisFormat(user.PasswordHash));
        Assert.Equal(KdfParameters.MinimumMemoryKiB, (await app.ReadKeyringAsync(userId)).PasswordWrapped.Kdf.MemoryKiB);
    }

    /// <summary>The accounts app with today's settings at 20 MiB and at most two derivations at once.</summary>
    public sealed class UpgradeApp : IDisposable
    {
        public AccountsApp App { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Accounts:KeyDerivationMemoryKiB"] = CurrentMemoryKiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Accounts:ConcurrentKeyDerivations"] = "2",
        });

        public void Dispose() => App.Dispose();
    }
}
