using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// Stand-ins for a password hash and a recovery-wrapped key, made with today's settings, so that a check
/// against an unknown username (or a locked account) does the same hashing or key derivation as a real one.
/// Without them a wrong password for a real account took ~186 ms and an unknown username ~8 ms, which
/// told anyone timing the answers which usernames exist. Counting a real account's failure costs database
/// work too (a look-up by name and an UPDATE), which the stand-in does against a row that never exists.
/// </summary>
public sealed class SameWorkForUnknownAccounts(IPasswordHasher<ApplicationUser> hasher, KdfParameters kdf)
{
    // Not a GUID, so never the id or normalised name of a real account (Identity makes GUID ids; usernames
    // are validated to letters, digits and . - _, and normalised to upper case).
    private const string StandInUserId = "no-such-account";
    private const string StandInNormalizedName = "no such account";

    private readonly ApplicationUser standIn = new() { Id = StandInUserId, UserName = StandInUserId };
    private readonly Lazy<string> passwordHash = new(() => hasher.HashPassword(new ApplicationUser(), Guid.NewGuid().ToString("N")));
    private readonly Lazy<WrappedKey> recoveryWrapped = new(() =>
    {
        using var key = DataKey.Create();
        return KeyWrap.Wrap(key, RecoveryKey.Generate(), StandInUserId, KeyPurpose.Recovery, kdf);
    });

    /// <summary>Verifies <paramref name="password"/> against a hash nobody has; always fails.</summary>
    public void VerifyPassword(string password) => hasher.VerifyHashedPassword(standIn, passwordHash.Value, password);

    /// <summary>Unwraps a key nobody has with <paramref name="recoveryKey"/> (when it is well formed, as a real check would); always fails.</summary>
    public void UnwrapWithRecoveryKey(string recoveryKey)
    {
        try
        {
            KeyWrap.Unwrap(recoveryWrapped.Value, recoveryKey, StandInUserId, KeyPurpose.Recovery).Dispose();
        }
        catch (KeyUnlockException)
        {
            // Expected: the point is the work, not the answer.
        }
    }

    /// <summary>
    /// What <see cref="UserManager{TUser}.AccessFailedAsync"/> costs a real account, with nothing written: the
    /// user validator's look-up by name, then the counter's UPDATE, matching no row. No row is made, so the
    /// database tells nobody which usernames were tried.
    /// </summary>
    public async Task RecordFailureAsync(HealingCompassDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        _ = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == StandInNormalizedName);
        await db.Users.Where(u => u.Id == StandInUserId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1));
    }
}
