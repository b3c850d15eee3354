using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// Identity's password hasher on Argon2id with the same settings as the key wrap (ADR 7), through the
/// <see cref="KeyDerivationGate"/>. Hashes in Identity's older PBKDF2 format still verify, and answer
/// <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>, so Identity stores an Argon2id hash at that
/// person's next sign-in; so does an Argon2id hash made with older settings.
/// </summary>
public sealed class Argon2idPasswordHasher(KdfParameters kdf, KeyDerivationGate gate, IOptions<PasswordHasherOptions> pbkdf2Options)
    : IPasswordHasher<ApplicationUser>
{
    private readonly PasswordHasher<ApplicationUser> pbkdf2 = new(pbkdf2Options);

    public string HashPassword(ApplicationUser user, string password) =>
        gate.Run(() => PasswordHash.Hash(password, kdf));

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        if (!PasswordHash.IsThisFormat(hashedPassword))
        {
            return gate.Run(() => pbkdf2.VerifyHashedPassword(user, hashedPassword, providedPassword)) == PasswordVerificationResult.Failed
                ? PasswordVerificationResult.Failed
                : PasswordVerificationResult.SuccessRehashNeeded;
        }
        return gate.Run(() => PasswordHash.Verify(hashedPassword, providedPassword, kdf)) switch
        {
            PasswordHashCheck.Right => PasswordVerificationResult.Success,
            PasswordHashCheck.RightButOutdated => PasswordVerificationResult.SuccessRehashNeeded,
            _ => PasswordVerificationResult.Failed,
        };
    }
}
