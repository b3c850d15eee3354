using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using HealingCompass.Data.Encryption;
using HealingCompass.Web.Accounts;

namespace HealingCompass.Web.Components.CheckIns;

public enum DataState
{
    SignedOut,

    /// <summary>Signed in, but the key was dropped (auto-lock, quick exit): unlock with the password first.</summary>
    Locked,

    Open,
}

/// <summary>A static page's view of the signed-in person's saved data: who, and their unlocked key.</summary>
public sealed record PersonalDataAccess(DataState State, string? UserId, DataKey? Key)
{
    [MemberNotNullWhen(true, nameof(UserId), nameof(Key))]
    public bool IsOpen => State == DataState.Open && UserId is not null && Key is not null;
}

/// <summary>
/// Opens the signed-in person's data for a static page, from the sign-in cookie's session id and the keys held in
/// server memory (<see cref="UnlockedKeys"/>); interactive components use <see cref="AccountAccess"/> instead.
/// </summary>
public sealed class PersonalData(UnlockedKeys keys)
{
    public PersonalDataAccess Open(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return new PersonalDataAccess(DataState.SignedOut, null, null);
        }
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = user.FindFirstValue(SessionClaims.SessionId);
        return keys.TryGet(sessionId, userId, out var key)
            ? new PersonalDataAccess(DataState.Open, userId, key)
            : new PersonalDataAccess(DataState.Locked, userId, null);
    }
}
