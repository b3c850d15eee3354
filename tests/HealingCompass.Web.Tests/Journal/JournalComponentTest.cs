using System.Security.Claims;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Web.Tests.Journal;

/// <summary>
/// Journal components on a real migrated SQLite file, with a person signed in and unlocked (or not), on a clock the
/// test moves.
/// </summary>
public abstract class JournalComponentTest : ComponentTestBase
{
    private const string SessionId = "journal-session";

    protected JournalComponentTest()
        : this(new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 9, 0, 0, TimeSpan.Zero)))
    {
    }

    private JournalComponentTest(FakeTimeProvider clock)
        : base(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(), clock)
    {
        Clock = clock;
    }

    protected FakeTimeProvider Clock { get; }

    protected JournalStore Store => Services.GetRequiredService<JournalStore>();

    protected DataKey Key { get; } = DataKey.Create();

    protected string UserId { get; private set; } = "";

    protected static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    /// <summary>Migrates the file and adds an account; signed in and unlocked unless told otherwise.</summary>
    protected async Task<string> SignInAsync(string userName = "writer", bool unlocked = true)
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(Cancel))
        {
            await db.Database.MigrateAsync(Cancel);
        }
        UserId = await AddUserAsync(userName);
        Authorization.SetAuthorized(userName);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, UserId), new Claim(SessionClaims.SessionId, SessionId));
        if (unlocked)
        {
            Services.GetRequiredService<UnlockedKeys>().Put(SessionId, UserId, Key.Copy());
        }
        return UserId;
    }

    /// <summary>Another person in the same file (not signed in here).</summary>
    protected async Task<string> AddUserAsync(string userName)
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Cancel);
        var user = new ApplicationUser { UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString("N") };
        db.Users.Add(user);
        await db.SaveChangesAsync(Cancel);
        return user.Id;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Key.Dispose();
            SqliteConnection.ClearAllPools();
            File.Delete(DatabasePath);
        }
    }
}
