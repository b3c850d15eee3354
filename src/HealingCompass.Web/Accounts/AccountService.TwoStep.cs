using System.Security.Claims;
using HealingCompass.Data.Accounts;
using HealingCompass.Domain.Activity;
using Microsoft.AspNetCore.Identity;

namespace HealingCompass.Web.Accounts;

/// <summary>What the two-step page needs to show while setting up: the key as text and the address the QR code holds.</summary>
public sealed record AuthenticatorSetup(string Key, string OtpAuthUri);

// Two-step sign-in with an authenticator app (RFC 6238: 6 digits, 30 s steps, each code once; ADR 9).
public sealed partial class AccountService
{
    /// <summary>How many recovery codes a person gets when two-step sign-in is switched on.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>
    /// The neutral name the authenticator app shows for this account. Not the app's name or the username:
    /// whoever looks through the phone's authenticator list should not learn either.
    /// </summary>
    public const string AuthenticatorLabel = "HC";

    public async Task<bool> IsTwoStepOnAsync(ClaimsPrincipal principal) =>
        await users.GetUserAsync(principal) is { TwoFactorEnabled: true };

    /// <summary>The key to set up the authenticator with, made on first use. Null when two-step is already on.</summary>
    public async Task<AuthenticatorSetup?> GetAuthenticatorSetupAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in account.");
        if (user.TwoFactorEnabled)
        {
            return null;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: while two-step is off the key opens nothing, so a new security
            // stamp (which would end this very session) is not needed yet; switching on changes it.
            if (users.SupportsUserAuthenticatorKey && userStore is IUserAuthenticatorKeyStore<ApplicationUser> keyStore)
            {
                await keyStore.SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), CancellationToken.None);
                await users.UpdateAsync(user);
            }
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key could be made.");
        }
        var uri = $"otpauth://totp/{AuthenticatorLabel}?secret={key}&issuer={AuthenticatorLabel}&digits=6&period=30";
        return new AuthenticatorSetup(key, uri);
    }

    /// <summary>
    /// Switches two-step sign-in on once the person shows a right code from their app, and returns the
    /// recovery codes to show once (null when the code was not right). Other sessions of the account end.
    /// </summary>
    public async Task<IReadOnlyList<string>?> TurnOnTwoStepAsync(ClaimsPrincipal principal, string code)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in account.");
        if (user.TwoFactorEnabled || !await IsRightAuthenticatorCodeAsync(user, code))
        {
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await KeepThisSessionOnlyAsync(user, principal);
        await RecordAsync(user.Id, ActivityKind.TwoStepOn);
        return codes?.ToList() ?? [];
    }

    /// <summary>
    /// Switches two-step sign-in off after checking the password through the one counted path. The key and
    /// recovery codes are replaced, so the old authenticator entry and codes open nothing if it is switched on again.
    /// </summary>
    public async Task<SignInOutcome> TurnOffTwoStepAsync(ClaimsPrincipal principal, string password)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("No signed-in account.");
        var outcome = await CheckPasswordAsync(user, password, ActivityKind.PasswordCheckFailed);
        if (outcome != SignInOutcome.SignedIn)
        {
            return outcome;
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.RemoveAuthenticationTokenAsync(user, OneUseAuthenticatorTokenProvider.TokenProvider, OneUseAuthenticatorTokenProvider.LastStepTokenName);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await KeepThisSessionOnlyAsync(user, principal);
        await RecordAsync(user.Id, ActivityKind.TwoStepOff);
        return outcome;
    }

    /// <summary>
    /// The second half of sign-in when two-step is on. The password and code are checked together on one
    /// form, so nothing (no unlocked key, no half-signed-in cookie) waits between the two steps. A right
    /// password alone does not clear the count of wrong attempts; only password and code together do.
    /// </summary>
    private async Task<SignInOutcome> SignInWithCodeAsync(ApplicationUser user, string password, string? code)
    {
        Func<Task> samePasswordWork = () =>
        {
            sameWork.VerifyPassword(password);
            return Task.CompletedTask;
        };
        if (string.IsNullOrWhiteSpace(code))
        {
            var passwordOnly = await CheckSecretAsync(user, u => users.CheckPasswordAsync(u, password), samePasswordWork, ActivityKind.SignInFailed, clearsCount: false);
            return passwordOnly == SignInOutcome.SignedIn ? SignInOutcome.NeedsCode : passwordOnly;
        }
        var outcome = await CheckSecretAsync(
            user,
            async u => await users.CheckPasswordAsync(u, password) && await IsRightCodeAsync(u, code),
            samePasswordWork,
            ActivityKind.SignInFailed);
        if (outcome == SignInOutcome.SignedIn)
        {
            var key = await UnlockAsync(user.Id, password);
            await UpgradeWrapAsync(user.Id, key, password);
            await RecordAsync(user.Id, ActivityKind.SignedIn);
            await StartSessionAsync(user, key);
        }
        return outcome;
    }

    /// <summary>A 6-digit code from the app, or one of the recovery codes (spent once used).</summary>
    private async Task<bool> IsRightCodeAsync(ApplicationUser user, string code)
    {
        var typed = code.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (typed.Length == 6 && typed.All(char.IsAsciiDigit))
        {
            return await IsRightAuthenticatorCodeAsync(user, typed);
        }
        typed = typed.ToUpperInvariant();
        if (typed.Length == 10 && !typed.Contains('-', StringComparison.Ordinal))
        {
            typed = typed[..5] + "-" + typed[5..];
        }
        return (await users.RedeemTwoFactorRecoveryCodeAsync(user, typed)).Succeeded;
    }

    private Task<bool> IsRightAuthenticatorCodeAsync(ApplicationUser user, string code) =>
        users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code.Trim().Replace(" ", "", StringComparison.Ordinal));

    /// <summary>
    /// Switching two-step on or off gives the account a new security stamp, which ends every cookie: the
    /// other sessions end for good, and this one gets a new cookie for the same session (its key stays).
    /// </summary>
    private async Task KeepThisSessionOnlyAsync(ApplicationUser user, ClaimsPrincipal principal)
    {
        var sessionId = principal.FindFirstValue(SessionClaims.SessionId) ?? throw new InvalidOperationException("No session.");
        await sessions.EndAllForAsync(user.Id, sessionId);
        Claim[] claims =
        [
            new(SessionClaims.SessionId, sessionId),
            new(SessionClaims.IssuedUtc, principal.FindFirstValue(SessionClaims.IssuedUtc) ?? time.GetUtcNow().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
        ShowSignedIn();
    }
}
