using System.Text;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HealingCompass.Benchmarks;

/// <summary>
/// What someone holding a copy of the database can test a password guess against, each as one wrong guess
/// on one thread: the sign-in hash and the password-wrapped data key, before and after ADR 7's amendment.
/// </summary>
public sealed class OfflineTargets
{
    private const string Password = "correct horse battery staple";
    private const string Guess = "correct horse battery stapler";
    private const string UserId = "benchmark-user";

    private readonly ApplicationUser user = new() { Id = UserId, UserName = "benchmark" };
    private readonly PasswordHasher<ApplicationUser> pbkdf2 = new(Options.Create(new PasswordHasherOptions { IterationCount = 220_000 }));
    private readonly string pbkdf2Hash;
    private readonly string argon2idHash;
    private readonly WrappedKey oldWrap;
    private readonly WrappedKey newWrap;
    private readonly byte[] salt = new byte[KdfParameters.SaltLength];

    public OfflineTargets()
    {
        pbkdf2Hash = pbkdf2.HashPassword(user, Password);
        argon2idHash = PasswordHash.Hash(Password, KdfParameters.Default);
        using var key = DataKey.Create();
        oldWrap = KeyWrap.Wrap(key, Password, UserId, KeyPurpose.Password, KdfParameters.OwaspMinimum);
        newWrap = KeyWrap.Wrap(key, Password, UserId, KeyPurpose.Password, KdfParameters.Default);
    }

    /// <summary>The targets by name, old first.</summary>
    public IReadOnlyList<(string Name, Action Guess)> All =>
    [
        ("Old sign-in hash: PBKDF2-HMAC-SHA512, 220,000 iterations", OldSignInHash),
        ("Old key wrap: Argon2id 19 MiB, t=2, p=1 (libsodium, the attacker's cost)", OldKeyWrap),
        ("Old key wrap as the server paid: Argon2id 19 MiB, t=2, managed Konscious", OldKeyWrapManaged),
        ("New sign-in hash: Argon2id 64 MiB, t=3, p=1 (libsodium)", NewSignInHash),
        ("New key wrap: Argon2id 64 MiB, t=3, p=1 (libsodium)", NewKeyWrap),
    ];

    public void OldSignInHash() => pbkdf2.VerifyHashedPassword(user, pbkdf2Hash, Guess);

    public void OldKeyWrap() => TryUnwrap(oldWrap);

    public void OldKeyWrapManaged()
    {
        using var argon2 = new Konscious.Security.Cryptography.Argon2id(Encoding.UTF8.GetBytes(Guess))
        {
            Salt = salt,
            MemorySize = KdfParameters.MinimumMemoryKiB,
            Iterations = KdfParameters.MinimumIterations,
            DegreeOfParallelism = 1,
        };
        argon2.GetBytes(32);
    }

    public void NewSignInHash() => PasswordHash.Verify(argon2idHash, Guess, KdfParameters.Default);

    public void NewKeyWrap() => TryUnwrap(newWrap);

    private static void TryUnwrap(WrappedKey wrapped)
    {
        try
        {
            KeyWrap.Unwrap(wrapped, Guess, UserId, KeyPurpose.Password).Dispose();
        }
        catch (KeyUnlockException)
        {
            // the usual answer to a wrong guess
        }
    }
}
