using System.Security.Claims;
using HealingCompass.Data.Encryption;
using Microsoft.AspNetCore.Components.Authorization;

namespace HealingCompass.Web.Accounts;

/// <summary>What an interactive component may do with the signed-in person's saved data right now.</summary>
public sealed class AccountAccess(AuthenticationStateProvider authentication, UnlockedKeys keys)
{
    public async Task<AccountState> GetStateAsync()
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        if (principal.Identity?.IsAuthenticated != true)
        {
            return AccountState.Anonymous;
        }
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = principal.FindFirstValue(SessionClaims.SessionId);
        return new AccountState(true, userId, sessionId, principal.Identity.Name, keys.IsUnlocked(sessionId, userId));
    }

    /// <summary>The unlocked data key, or false when the session is locked (auto-lock) or signed out.</summary>
    public bool TryGetKey(AccountState state, out DataKey key)
    {
        ArgumentNullException.ThrowIfNull(state);
        return keys.TryGet(state.SessionId, state.UserId, out key);
    }
}

/// <summary>A snapshot of who is signed in and whether their saved data is unlocked.</summary>
public sealed record AccountState(bool IsSignedIn, string? UserId, string? SessionId, string? UserName, bool IsUnlocked)
{
    public static AccountState Anonymous { get; } = new(false, null, null, null, false);
}
