using System.Security.Claims;
using System.Security.Cryptography;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using HealingCompass.Domain.Activity;
using HealingCompass.Web.Components.Activity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Web.Accounts;

/// <summary>The outcome of a sign-in attempt, in the words the page needs.</summary>
public enum SignInOutcome
{
    SignedIn,
    WrongDetails,
    LockedOut,
    /// <summary>The password was right and two-step sign-in is on: the code from the authenticator app is needed too.</summary>
    NeedsCode,
}

/// <summary>
/// Sign-up, sign-in, unlock, password change, recovery and sign-out, each keeping the account's wrapped
/// data key in step with its password. Used by the static account pages (HttpContext is available).
/// </summary>
public sealed partial class AccountService(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    HealingCompassDbContext db,
    UnlockedKeys keys,
    KdfParameters kdf,
    KeyDerivationGate gate,
    SameWorkForUnknownAccounts sameWork,
    TimeProvider time,
    SessionStore sessions,
    IUserStore<ApplicationUser> userStore,
    AuthenticationStateProvider authenticationState,
    ActivityLog activity,
    ILogger<AccountService> logger)
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
        var (keyring, key, recoveryKey) = await gate.RunAsync(() => Keyring.CreateForNewUser(user.Id, password, kdf));
        db.Keyrings.Add(new UserKeyring
        {
            UserId = user.Id,
            PasswordWrapped = keyring.PasswordWrapped.ToBlob(),
            RecoveryWrapped = keyring.RecoveryWrapped.ToBlob(),
            UpdatedUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await RecordAsync(user.Id, ActivityKind.AccountCreated);
        await StartSessionAsync(user, key);
        return (result, recoveryKey);
    }

    public async Task<SignInOutcome> SignInAsync(string userName, string password, string? code = null)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is { TwoFactorEnabled: true })
        {
            return await SignInWithCodeAsync(user, password, code);
        }
        var outcome = await CheckPasswordAsync(user, password, ActivityKind.SignInFailed);
        if (outcome == SignInOutcome.SignedIn && user is not null)
        {
            var key = await UnlockAsync(user.Id, password);
            await UpgradeWrapAsync(user.Id, key, password);
            await RecordAsync(user.Id, ActivityKind.SignedIn);
            await StartSessionAsync(user, key);
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
        var outcome = await CheckPasswordAsync(user, password, ActivityKind.UnlockFailed);
        if (outcome == SignInOutcome.SignedIn)
        {
            keys.Put(sessionId, user.Id, await UnlockAsync(user.Id, password));
            await RecordAsync(user.Id, ActivityKind.Unlocked);
        }
        return outcome;
    }

    /// <summary>
    /// Changes the password and re-wraps the data key; every other session of the account ends. A wrong
    /// current password counts towards lockout, and a locked account's password cannot be changed.
    /// </summary>
    /// <returns>The result, and the new recovery key to show once when <paramref name="newRecoveryKey"/> was asked for.</returns>
    public async Task<(IdentityResult Result, string? RecoveryKey)> ChangePasswordAsync(ClaimsPrincipal principal, string currentPassword, string newPassword, bool newRecoveryKey = false)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in account.");
        var outcome = await CheckPasswordAsync(user, currentPassword, ActivityKind.PasswordCheckFailed);
        if (outcome != SignInOutcome.SignedIn)
        {
            return (IdentityResult.Failed(outcome == SignInOutcome.LockedOut ? LockedOutError : users.ErrorDescriber.PasswordMismatch()), null);
        }
        var check = await ValidateNewPasswordAsync(user, newPassword);
        if (!check.Succeeded)
        {
            return (check, null);
        }
        var key = await UnlockAsync(user.Id, currentPassword);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await ReplacePasswordAsync(user, newPassword);
        if (!result.Succeeded)
        {
            key.Dispose();
            return (result, null);
        }
        var recoveryKey = await RewrapAsync(user.Id, key, newPassword, newRecoveryKey);
        await transaction.CommitAsync();
        // Setting the password gave the account a new security stamp, so every other cookie fails
        // validation; their keys go now. This session starts afresh with the key it already holds.
        await sessions.EndAllForAsync(user.Id);
        await RecordAsync(user.Id, ActivityKind.PasswordChanged);
        await StartSessionAsync(user, key);
        return (result, recoveryKey);
    }

    /// <summary>
    /// Replaces the recovery key after checking the password (counted towards lockout like any other
    /// check). Returns the new key to show once; from then on the old one opens nothing.
    /// </summary>
    public async Task<(SignInOutcome Outcome, string? RecoveryKey)> NewRecoveryKeyAsync(ClaimsPrincipal principal, string password)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in account.");
        var outcome = await CheckPasswordAsync(user, password, ActivityKind.PasswordCheckFailed);
        if (outcome != SignInOutcome.SignedIn)
        {
            return (outcome, null);
        }
        using var key = await UnlockAsync(user.Id, password);
        var stored = await db.Keyrings.SingleAsync(k => k.UserId == user.Id);
        var (rotated, recoveryKey) = await gate.RunAsync(() => ToKeyring(stored).RotateRecoveryKey(key, user.Id, kdf));
        stored.RecoveryWrapped = rotated.RecoveryWrapped.ToBlob();
        stored.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        await RecordAsync(user.Id, ActivityKind.RecoveryKeyReplaced);
        return (outcome, recoveryKey);
    }

    /// <summary>
    /// Sets a new password with the recovery key. Returns null when the username and recovery key do not
    /// open the account (the same answer either way, so it does not reveal which usernames exist). A used
    /// recovery key is spent: recovery also gives a new one (returned, to show once) and the old one opens nothing.
    /// </summary>
    public async Task<(IdentityResult? Result, string? RecoveryKey)> RecoverAsync(string userName, string recoveryKey, string newPassword)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        // The same query for an unknown username (it finds nothing), so the time taken does not differ.
        var userId = user?.Id ?? "";
        var stored = await db.Keyrings.AsNoTracking().SingleOrDefaultAsync(k => k.UserId == userId);
        DataKey? key = null;
        var outcome = await CheckSecretAsync(
            stored is null ? null : user,
            u => gate.RunAsync(() =>
            {
                try
                {
                    key = ToKeyring(stored!).UnlockWithRecoveryKey(u.Id, recoveryKey);
                    return true;
                }
                catch (KeyUnlockException)
                {
                    return false;
                }
            }),
            () => gate.RunAsync(() =>
            {
                sameWork.UnwrapWithRecoveryKey(recoveryKey);
                return true;
            }),
            ActivityKind.RecoveryKeyFailed);
        if (outcome == SignInOutcome.LockedOut)
        {
            return (IdentityResult.Failed(LockedOutError), null);
        }
        if (outcome != SignInOutcome.SignedIn || key is null || user is null)
        {
            return (null, null);
        }
        using (key)
        {
            var check = await ValidateNewPasswordAsync(user, newPassword);
            if (!check.Succeeded)
            {
                return (check, null);
            }
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await ReplacePasswordAsync(user, newPassword);
            if (!result.Succeeded)
            {
                return (result, null);
            }
            var newRecoveryKey = await RewrapAsync(user.Id, key, newPassword, newRecoveryKey: true);
            await transaction.CommitAsync();
            await sessions.EndAllForAsync(user.Id);
            await RecordAsync(user.Id, ActivityKind.RecoveryKeyUsed);
            await StartSessionAsync(user, key.Copy());
            return (result, newRecoveryKey);
        }
    }

    /// <summary>Ends the session for good (its server-side row goes) and forgets its key.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal)
    {
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            await RecordAsync(userId, ActivityKind.SignedOut);
        }
        try
        {
            await sessions.EndAsync(principal.FindFirstValue(SessionClaims.SessionId));
        }
        catch (Exception e) when (Components.Storage.StorageTrouble.Is(e))
        {
            // Leaving must always work. The key is already dropped (EndAsync does that first), so the saved data
            // is locked; the cookie ends below. Only the session row waits for the database to take writes
            // again, until which a copy of the cookie would still need the password to open anything.
            Components.Storage.StorageTrouble.Report(e, logger);
        }
        await signIn.SignOutAsync();
    }

    /// <summary>What a page shows when the account is paused after too many wrong passwords or recovery keys.</summary>
    public static readonly IdentityError LockedOutError = new()
    {
        Code = "LockedOut",
        Description = "This account is paused for a while after several unsuccessful attempts. Please try again later.",
    };

    /// <summary>Checks the password through <see cref="CheckSecretAsync"/> (lockout respected, failures counted).</summary>
    private Task<SignInOutcome> CheckPasswordAsync(ApplicationUser? user, string password, ActivityKind onFailure) =>
        CheckSecretAsync(user, u => users.CheckPasswordAsync(u, password), () =>
        {
            sameWork.VerifyPassword(password);
            return Task.CompletedTask;
        }, onFailure);

    /// <summary>
    /// The one path for every check of a password or recovery key (sign-in, unlock, password change,
    /// recovery): a locked account is refused without looking at the secret, every wrong secret counts
    /// towards lockout, and a right one clears the count. Without an account, or with a locked one,
    /// <paramref name="standIn"/> does the hashing the check would have done, and a stand-in for counting
    /// the failure does the database work, so the time taken does not tell which usernames exist. A real
    /// account's failure is one line of its activity (<paramref name="onFailure"/>, or a lockout); an unknown
    /// username's records nothing, with the same database round trip.
    /// </summary>
    // clearsCount is false when a right secret is only half of the check (a password before its two-step
    // code), so the count of wrong codes is not wiped by entering the password again.
    private async Task<SignInOutcome> CheckSecretAsync(ApplicationUser? user, Func<ApplicationUser, Task<bool>> isRight, Func<Task> standIn, ActivityKind onFailure, bool clearsCount = true)
    {
        if (user is null)
        {
            await standIn();
            await sameWork.RecordFailureAsync(db);
            await activity.RecordNothingAsync(onFailure, signIn.Context);
            return SignInOutcome.WrongDetails;
        }
        if (await users.IsLockedOutAsync(user))
        {
            await standIn();
            await sameWork.RecordFailureAsync(db);
            await RecordAsync(user.Id, ActivityKind.LockedOut);
            return SignInOutcome.LockedOut;
        }
        if (!await isRight(user))
        {
            await users.AccessFailedAsync(user);
            var lockedNow = await users.IsLockedOutAsync(user);
            await RecordAsync(user.Id, lockedNow ? ActivityKind.LockedOut : onFailure);
            return lockedNow ? SignInOutcome.LockedOut : SignInOutcome.WrongDetails;
        }
        if (clearsCount)
        {
            await users.ResetAccessFailedCountAsync(user);
        }
        return SignInOutcome.SignedIn;
    }

    /// <summary>One line of the account's activity, from this request.</summary>
    private Task RecordAsync(string userId, ActivityKind kind) => activity.RecordAsync(userId, kind, signIn.Context);

    private async Task<IdentityResult> ValidateNewPasswordAsync(ApplicationUser user, string newPassword)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, newPassword);
            if (!check.Succeeded)
            {
                return check;
            }
        }
        return IdentityResult.Success;
    }

    /// <summary>Sets a new password hash (and a new security stamp, which ends the other sessions).</summary>
    private async Task<IdentityResult> ReplacePasswordAsync(ApplicationUser user, string newPassword)
    {
        var removed = await users.RemovePasswordAsync(user);
        return removed.Succeeded ? await users.AddPasswordAsync(user, newPassword) : removed;
    }

    private async Task<DataKey> UnlockAsync(string userId, string password)
    {
        var stored = await db.Keyrings.AsNoTracking().SingleAsync(k => k.UserId == userId);
        return await gate.RunAsync(() => ToKeyring(stored).UnlockWithPassword(userId, password));
    }

    /// <summary>
    /// A password copy wrapped with older Argon2id settings is wrapped again with today's, now that the
    /// password is at hand (the password hash is upgraded the same way, by Identity). The recovery copy can
    /// only be upgraded when its key is next used or replaced; its 160 random bits are out of guessing's
    /// reach at any setting (ADR 7).
    /// </summary>
    private async Task UpgradeWrapAsync(string userId, DataKey key, string password)
    {
        var stored = await db.Keyrings.SingleAsync(k => k.UserId == userId);
        if (!WrappedKey.FromBlob(stored.PasswordWrapped).Kdf.SameCostAs(kdf))
        {
            await RewrapAsync(userId, key, password);
        }
    }

    /// <summary>Wraps the data key under the new password, and under a new recovery key when asked (returned).</summary>
    private async Task<string?> RewrapAsync(string userId, DataKey key, string newPassword, bool newRecoveryKey = false)
    {
        var stored = await db.Keyrings.SingleAsync(k => k.UserId == userId);
        var rewrapped = await gate.RunAsync(() => ToKeyring(stored).Rewrap(key, userId, newPassword, kdf));
        string? recoveryKey = null;
        if (newRecoveryKey)
        {
            (rewrapped, recoveryKey) = await gate.RunAsync(() => rewrapped.RotateRecoveryKey(key, userId, kdf));
            stored.RecoveryWrapped = rewrapped.RecoveryWrapped.ToBlob();
        }
        stored.PasswordWrapped = rewrapped.PasswordWrapped.ToBlob();
        stored.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return recoveryKey;
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
        ShowSignedIn();
    }

    /// <summary>
    /// The page that signed the person in goes on rendering in this same request (the recovery key shown
    /// after sign-up or recovery), and its layout reads the sign-in state taken when the request began,
    /// from the cookie it came with: nobody. Hand it the new sign-in, so the header offers "My account".
    /// </summary>
    private void ShowSignedIn()
    {
        if (authenticationState is IHostEnvironmentAuthenticationStateProvider host && signIn.Context.User is { Identity.IsAuthenticated: true } principal)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        }
    }

    private static Keyring ToKeyring(UserKeyring stored) =>
        new(WrappedKey.FromBlob(stored.PasswordWrapped), WrappedKey.FromBlob(stored.RecoveryWrapped));
}
