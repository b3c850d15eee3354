using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HealingCompass.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// Identity's authenticator codes, except that each code opens the account once (ASVS 6.6): the time step of
/// the last accepted code is kept per account (among the account's encrypted tokens, see
/// <see cref="ProtectedTokenUserStore"/>), and a code from that step or an earlier one is refused. So a code
/// read over someone's shoulder, or replayed from a recorded request, is spent once the person has used it.
/// The clock is the app's <see cref="TimeProvider"/>; codes one step either side of now are accepted, for
/// phones whose clock is a little off (RFC 6238 section 5.2).
/// </summary>
internal sealed class OneUseAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    /// <summary>Where Identity keeps the authenticator key too.</summary>
    public const string TokenProvider = "[AspNetUserStore]";

    public const string LastStepTokenName = "AuthenticatorLastStep";

    private const int StepsEitherSide = 1;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>The app on the phone makes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (token is not { Length: 6 } || !token.All(char.IsAsciiDigit)
            || !Totp.TryDecodeKey(await manager.GetAuthenticatorKeyAsync(user), out var key))
        {
            return false;
        }
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, TokenProvider, LastStepTokenName), NumberStyles.None, CultureInfo.InvariantCulture, out var stored)
            ? stored
            : long.MinValue;
        var now = Totp.StepAt(time.GetUtcNow());
        long? matched = null;
        try
        {
            // Every step in the window is compared (no early exit), in constant time.
            for (var step = now - StepsEitherSide; step <= now + StepsEitherSide; step++)
            {
                if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Totp.Code(key, step)), Encoding.ASCII.GetBytes(token)) && step > last)
                {
                    matched = step;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        if (matched is null)
        {
            return false;
        }
        // The step is saved before the code counts. The update carries the account's concurrency stamp, so of
        // two requests racing with one code only the first is saved, and the second is refused.
        var saved = await manager.SetAuthenticationTokenAsync(user, TokenProvider, LastStepTokenName, matched.Value.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }
}
