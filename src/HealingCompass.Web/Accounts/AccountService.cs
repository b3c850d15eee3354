using System.Security.Claims;
using System.Security.Cryptography;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Web.Accounts;

/// <summary>The outcome of a sign-in attempt, in the words the page needs.</summary>
public enum SignInOutcome
{
    SignedIn,
    WrongDetails,
    LockedOut,
}

/// <summary>
/// Sign-up, sign-in, unlock, password change, recovery and sign-out, each keeping the account's wrapped
/// data key in step with its password. Used by the static account pages (HttpContext is available).
/// </summary>
public sealed class AccountService(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    HealingCompassDbContext db,
    UnlockedKeys keys,
    KdfParameters kdf,
    TimeProvider time,
    SessionStore sessions)
{
    /// <summary>Creates the account and its keys, signs the person in, and returns the recovery key to show once.</summary>
    public async Task<(IdentityResult Result, string? RecoveryKey)> RegisterAsync(string userName, string password)
    {
        var user = new ApplicationUser { UserName = userName.Trim(), CreatedUtc = time.GetUtcNow().UtcDateTime };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return (result, null);
        }
        var (keyring, key, recoveryKey) = Keyring.CreateForNewUser(user.Id, password, kdf);
        db.Keyrings.Add(new UserKeyring
        {
            UserId = user.Id,
            PasswordWrapped = keyring.PasswordWrapped.ToBlob(),
            RecoveryWrapped = keyring.RecoveryWrapped.ToBlob(),
            UpdatedUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await StartSessionAsync(user, key);
        return (result, recoveryKey);
    }

    public async Task<SignInOutcome> SignInAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            return SignInOutcome.WrongDetails;
        }
        var outcome = await CheckPasswordAsync(user, password);
        if (outcome == SignInOutcome.SignedIn)
        {
            await StartSessionAsync(user, await UnlockAsync(user.Id, password));
        }
        return outcome;
    }

    /// <summary>Unlocks saved data again after auto-lock, in the same session.</summary>
    public async Task<SignInOutcome> UnlockSessionAsync(ClaimsPrincipal principal, string password)
    {
        var user = await users.GetUserAsync(principal);
        var sessionId = principal.FindFirstValue(SessionClaims.SessionId);
        if (user is null || sessionId is null)
        {
            return SignInOutcome.WrongDetails;
        }
        var outcome = await CheckPasswordAsync(user, password);
        if (outcome == SignInOutcome.SignedIn)
        {
            keys.Put(sessionId, user.Id, await UnlockAsync(user.Id, password));
        }
        return outcome;
    }

    /// <summary>Changes the password and re-wraps the data key; every other session of the account ends.</summary>
    public async Task<IdentityResult> ChangePasswordAsync(ClaimsPrincipal principal, string currentPassword, string newPassword)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in account.");
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            return result;
        }
        var key = await UnlockAsync(user.Id, currentPassword);
        await RewrapAsync(user.Id, key, newPassword);
        await transaction.CommitAsync();
        // ChangePasswordAsync gave the account a new security stamp, so every other cookie fails
        // validation; their keys go now. This session starts afresh with the key it already holds.
        await sessions.EndAllForAsync(user.Id);
        await StartSessionAsync(user, key);
        return result;
    }

    /// <summary>
    /// Sets a new password with the recovery key. Returns null when the username and recovery key do not
    /// open the account (the same answer either way, so it does not reveal which usernames exist).
    /// </summary>
    public async Task<IdentityResult?> RecoverAsync(string userName, string recoveryKey, string newPassword)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        var stored = user is null ? null : await db.Keyrings.SingleOrDefaultAsync(k => k.UserId == user.Id);
        if (user is null || stored is null || !RecoveryKey.TryParse(recoveryKey, out var normalised))
        {
            return null;
        }
        DataKey key;
        try
        {
            key = ToKeyring(stored).UnlockWithRecoveryKey(user.Id, normalised);
        }
        catch (KeyUnlockException)
        {
            return null;
        }
        using (key)
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, user, newPassword);
                if (!check.Succeeded)
                {
                    return check;
                }
            }
            await using var transaction = await db.Database.BeginTransactionAsync();
            await users.RemovePasswordAsync(user);
            var result = await users.AddPasswordAsync(user, newPassword);
            if (!result.Succeeded)
            {
                return result;
            }
            await users.ResetAccessFailedCountAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            await RewrapAsync(user.Id, key, newPassword);
            await transaction.CommitAsync();
            await sessions.EndAllForAsync(user.Id);
            await StartSessionAsync(user, key.Copy());
            return result;
        }
    }

    /// <summary>Ends the session for good (its server-side row goes) and forgets its key.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal)
    {
        await sessions.EndAsync(principal.FindFirstValue(SessionClaims.SessionId));
        await signIn.SignOutAsync();
    }

    /// <summary>Checks the password; every failure counts towards lockout.</summary>
    private async Task<SignInOutcome> CheckPasswordAsync(ApplicationUser user, string password)
    {
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return check.IsLockedOut ? SignInOutcome.LockedOut
            : check.Succeeded ? SignInOutcome.SignedIn
            : SignInOutcome.WrongDetails;
    }

    private async Task<DataKey> UnlockAsync(string userId, string password)
    {
        var stored = await db.Keyrings.AsNoTracking().SingleAsync(k => k.UserId == userId);
        return ToKeyring(stored).UnlockWithPassword(userId, password);
    }

    private async Task RewrapAsync(string userId, DataKey key, string newPassword)
    {
        var stored = await db.Keyrings.SingleAsync(k => k.UserId == userId);
        var rewrapped = ToKeyring(stored).Rewrap(key, userId, newPassword, kdf);
        stored.PasswordWrapped = rewrapped.PasswordWrapped.ToBlob();
        stored.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    private async Task StartSessionAsync(ApplicationUser user, DataKey key)
    {
        var sessionId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        keys.Put(sessionId, user.Id, key);
        await sessions.CreateAsync(sessionId, user.Id, signIn.Context.Request.Headers.UserAgent.ToString());
        Claim[] claims =
        [
            new(SessionClaims.SessionId, sessionId),
            new(SessionClaims.IssuedUtc, time.GetUtcNow().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
    }

    private static Keyring ToKeyring(UserKeyring stored) =>
        new(WrappedKey.FromBlob(stored.PasswordWrapped), WrappedKey.FromBlob(stored.RecoveryWrapped));
}
