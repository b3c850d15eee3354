using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using HealingCompass.Data;
using HealingCompass.Data.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace HealingCompass.Web.Hosting;

/// <summary>
/// The Data Protection key ring (it signs and encrypts the sign-in and antiforgery cookies) lives in the
/// data folder's <c>keys</c> folder, each file 0600 (on SQLite), or in the database's <c>DataProtectionKeys</c>
/// table that every instance reads (on PostgreSQL), and is encrypted at rest with a certificate when one is
/// configured (<c>DataProtection:Certificate:Path</c> and <c>:Password</c>, a PKCS#12 file). See
/// docs/security.md for what a copy of the key ring allows.
/// </summary>
internal static class DataProtectionSetup
{
    public const string CertificatePathSetting = "DataProtection:Certificate:Path";
    public const string CertificatePasswordSetting = "DataProtection:Certificate:Password";

    /// <summary>Fixed, so keys stay valid when the app moves to another folder or the content root changes.</summary>
    public const string ApplicationName = "HealingCompass";

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (HealingCompass.Data.DependencyInjection.ReadProvider(configuration) == DatabaseProvider.PostgreSql)
        {
            // Several instances share one ring, so a cookie or antiforgery token made by one is read by another (ADR 18).
            protection.PersistKeysToDbContext<HealingCompassDbContext>();
        }
        else
        {
            services.AddOptions<KeyManagementOptions>()
                .Configure<DataStorage, ILoggerFactory>((o, storage, loggers) =>
                    o.XmlRepository = new PrivateFileXmlRepository(new DirectoryInfo(storage.KeyRingDirectory), loggers));
        }

        if (configuration[CertificatePathSetting] is { Length: > 0 } path)
        {
            // A wrong path or password stops the app at start rather than leaving the keys unencrypted.
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordSetting], X509KeyStorageFlags.EphemeralKeySet);
            // Unprotect with the same certificate too: on Linux the decryptor would otherwise look for it in
            // the X.509 store and not find it.
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        return services;
    }

    /// <summary>The framework's file repository, with every key file set to 0600 as it is written.</summary>
    private sealed class PrivateFileXmlRepository(DirectoryInfo directory, ILoggerFactory loggers) : FileSystemXmlRepository(directory, loggers)
    {
        public override void StoreElement(XElement element, string friendlyName)
        {
            base.StoreElement(element, friendlyName);
            foreach (var file in Directory.EnumerateFiles("*.xml"))
            {
                DataStorage.MakePrivate(file.FullName);
            }
        }
    }
}
