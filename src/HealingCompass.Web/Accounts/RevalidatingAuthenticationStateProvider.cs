using System.Security.Claims;
using HealingCompass.Data.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// Re-checks an open circuit's sign-in every minute: a password change elsewhere (new security stamp),
/// a deleted account, an ended session (its server-side row gone) or an expired absolute lifetime signs
/// the circuit out.
/// </summary>
internal sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> identityOptions,
    IOptionsMonitor<AccountOptions> accountOptions,
    SessionStore sessions,
    TimeProvider time)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        if (SessionLifetime.IsPastAbsoluteLifetime(principal, accountOptions.CurrentValue, time))
        {
            return false;
        }
        if (!await sessions.IsLiveAsync(principal.FindFirstValue(SessionClaims.SessionId), principal.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken))
        {
            return false;
        }
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        var stamp = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}

/// <summary>The absolute session lifetime, counted from the sign-in claim.</summary>
internal static class SessionLifetime
{
    public static bool IsPastAbsoluteLifetime(ClaimsPrincipal principal, AccountOptions options, TimeProvider time)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        var issued = principal.FindFirstValue(SessionClaims.IssuedUtc);
        return !long.TryParse(issued, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            || time.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero) > options.AbsoluteLifetime;
    }
}
