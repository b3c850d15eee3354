using System.Globalization;
using System.Security.Claims;
using HealingCompass.Data.Activity;
using HealingCompass.Domain.Activity;
using HealingCompass.Web.Accounts;

namespace HealingCompass.Web.Components.Activity;

/// <summary>Reads "Last signed in: …, N failed attempts since" for the signed-in person.</summary>
public sealed class SignInNotice(ActivityStore store)
{
    /// <summary>The summary for <paramref name="user"/>, or null when nobody is signed in.</summary>
    public async Task<SignInSummary?> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return null;
        }
        // When this browser signed in (the cookie's own claim); a cookie without it counts as signed in now.
        var started = long.TryParse(user.FindFirstValue(SessionClaims.IssuedUtc), CultureInfo.InvariantCulture, out var ticks)
            ? new DateTime(ticks, DateTimeKind.Utc)
            : DateTime.MaxValue;
        var last = SignInSummary.PreviousSignIn(await store.SessionStartsAsync(userId, cancellationToken), started);
        // Counted in SQL: a run of someone else's guesses may be many lines.
        return new SignInSummary(last, await store.FailedAttemptsAfterAsync(userId, last?.AtUtc, cancellationToken));
    }
}
