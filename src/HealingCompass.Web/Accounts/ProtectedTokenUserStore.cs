using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// Identity's store, except that the values in AspNetUserTokens (the authenticator key and the two-step
/// recovery codes) are encrypted with Data Protection before they are written. Identity would store them as
/// plain text, and the authenticator key is all anyone needs to make valid codes. Each value is bound to its
/// account and token name, so a value copied to another row does not decrypt there.
/// </summary>
internal sealed class ProtectedTokenUserStore(HealingCompassDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<ApplicationUser, HealingCompassDbContext, string>(context, describer)
{
    private const string Purpose = "HealingCompass.Accounts.UserTokens.v1";

    public override Task SetTokenAsync(ApplicationUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return base.SetTokenAsync(user, loginProvider, name, value is null ? null : For(user, loginProvider, name).Protect(value), cancellationToken);
    }

    public override async Task<string?> GetTokenAsync(ApplicationUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        if (string.IsNullOrEmpty(stored))
        {
            return stored;
        }
        try
        {
            return For(user, loginProvider, name).Unprotect(stored);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Moved from another row, altered, or the key ring is gone: it opens nothing.
            return null;
        }
    }

    private IDataProtector For(ApplicationUser user, string loginProvider, string name) =>
        protection.CreateProtector(Purpose, user.Id, loginProvider, name);
}
