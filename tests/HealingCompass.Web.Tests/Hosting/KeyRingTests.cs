using System.Security.Cryptography.X509Certificates;
using HealingCompass.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Hosting;

/// <summary>
/// The Data Protection key ring on disk, in the app's data folder: encrypted with a certificate from
/// configuration when one is set (a certificate made here, in a password-protected PKCS#12 file), and
/// readable by the app again after a restart.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private const string Unencrypted = "Warning: the key below is in an unencrypted form.";

    private readonly string dataDirectory = KestrelApp.NewDataDirectory();
    private readonly string certificatePath = Path.Combine(Path.GetTempPath(), $"healingcompass-keyring-{Guid.NewGuid():N}.pfx");

    [Fact]
    public void With_a_certificate_configured_the_key_ring_is_encrypted_at_rest_and_opens_after_a_restart()
    {
        using (var certificate = KestrelApp.CreateCertificate("key ring", forEncryption: true))
        {
            File.WriteAllBytes(certificatePath, certificate.Export(X509ContentType.Pfx, "pfx password"));
        }
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:Certificate:Path"] = certificatePath,
            ["DataProtection:Certificate:Password"] = "pfx password",
        };

        string protectedText;
        using (var first = KestrelApp.Start("Production", dataDirectory, settings))
        {
            protectedText = Protector(first).Protect("a sign-in ticket");
        }

        var keyFiles = Directory.GetFiles(Path.Combine(dataDirectory, "keys"), "*.xml");
        Assert.NotEmpty(keyFiles);
        Assert.All(keyFiles, path =>
        {
            var xml = File.ReadAllText(path);
            Assert.DoesNotContain(Unencrypted, xml, StringComparison.Ordinal);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal); // XML encryption under the certificate
        });

        using var second = KestrelApp.Start("Production", dataDirectory, settings);
        Assert.Equal("a sign-in ticket", Protector(second).Unprotect(protectedText));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Without_a_certificate_the_key_ring_is_stored_in_the_clear_in_the_private_data_folder()
    {
        // The control for the test above, and what docs/security.md says about a copy of the key ring.
        using (var app = KestrelApp.Start("Production", dataDirectory))
        {
            Protector(app).Protect("anything");
        }

        var keyFile = Assert.Single(Directory.GetFiles(Path.Combine(dataDirectory, "keys"), "*.xml"));
        Assert.Contains(Unencrypted, File.ReadAllText(keyFile), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
    }

    private static IDataProtector Protector(KestrelApp app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("KeyRingTests");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        File.Delete(certificatePath);
    }
}
