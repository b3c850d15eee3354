using System.Security.Claims;
using HealingCompass.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// The end of an account, for "Delete my account" and quick wipe alike (ADR 15): every row goes in one
/// transaction with the WAL truncated after it (<see cref="AccountEraser"/>), every unlocked key of the account
/// is dropped and zeroed, so every other open page of it locks and then finds no account, this browser's cookie
/// ends, and the browser is asked to clear what it kept. Nothing is recorded for the account (it is gone) and
/// the log gets one line that names nobody.
/// </summary>
public sealed partial class AccountRemoval(AccountEraser eraser, UnlockedKeys keys, ILogger<AccountRemoval> log)
{
    /// <summary>What the browser is asked to forget of this site once the account is gone.</summary>
    public const string ClearSiteData = "\"cache\", \"cookies\", \"storage\"";

    /// <summary>Deletes the signed-in account of this request and signs the browser out.</summary>
    /// <returns>Whether there was an account to delete.</returns>
    public async Task<bool> RemoveAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return false;
        }
        // This page's own key goes quietly: it is leaving, and its circuit must not move it to the lock screen.
        keys.Forget(http.User.FindFirstValue(SessionClaims.SessionId));
        var erased = await eraser.EraseAsync(userId, CancellationToken.None);
        keys.RemoveAllFor(userId);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        http.Response.Headers["Clear-Site-Data"] = ClearSiteData;
        if (erased)
        {
            AccountDeleted(log);
        }
        return erased;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An account was deleted at its owner's request.")]
    private static partial void AccountDeleted(ILogger logger);
}
