using System.Security.Claims;
using HealingCompass.Data.Encryption;
using HealingCompass.Domain.Activity;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Web.Accounts;

// "Delete my account" (ADR 15): the password or the recovery key first, checked like every other secret.
public sealed partial class AccountService
{
    /// <summary>
    /// Checks the password (or, when <paramref name="isRecoveryKey"/>, the recovery key) of the signed-in
    /// account, counted towards lockout like any other check. Deleting is left to the caller, so a page can
    /// answer a wrong secret without losing anything else that was typed.
    /// </summary>
    public async Task<SignInOutcome> CheckBeforeDeleteAsync(ClaimsPrincipal principal, string secret, bool isRecoveryKey)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return SignInOutcome.WrongDetails;
        }
        if (!isRecoveryKey)
        {
            return await CheckPasswordAsync(user, secret, ActivityKind.PasswordCheckFailed);
        }
        var stored = await db.Keyrings.AsNoTracking().SingleOrDefaultAsync(k => k.UserId == user.Id);
        return await CheckSecretAsync(
            stored is null ? null : user,
            u => gate.RunAsync(() =>
            {
                try
                {
                    ToKeyring(stored!).UnlockWithRecoveryKey(u.Id, secret).Dispose();
                    return true;
                }
                catch (KeyUnlockException)
                {
                    return false;
                }
            }),
            () => gate.RunAsync(() =>
            {
                sameWork.UnwrapWithRecoveryKey(secret);
                return true;
            }),
            ActivityKind.RecoveryKeyFailed);
    }
}
