using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using Microsoft.AspNetCore.Identity;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// Stand-ins for a password hash and a recovery-wrapped key, made with today's settings, so that a check
/// against an unknown username (or a locked account) does the same hashing or key derivation as a real one.
/// Without them a wrong password for a real account took ~186 ms and an unknown username ~8 ms, which
/// told anyone timing the answers which usernames exist.
/// </summary>
public sealed class SameWorkForUnknownAccounts(IPasswordHasher<ApplicationUser> hasher, KdfParameters kdf)
{
    private const string StandInUserId = "no-such-account";

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
}
