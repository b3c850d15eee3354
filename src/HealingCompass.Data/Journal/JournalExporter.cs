using System.Security.Cryptography;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Journal;

/// <summary>
/// The person's whole chain as an evidence export: every version in written order, with its salt and the exact
/// content bytes the digest covers (decrypted here, for the person's own download), and the head as recorded.
/// Reading only: exporting twice with no write between gives the same versions and head.
/// </summary>
public sealed class JournalExporter(IDbContextFactory<HealingCompassDbContext> contexts, TimeProvider time)
{
    public async Task<JournalExport> ExportAsync(string userId, DataKey key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One transaction, so a write landing mid-export cannot give versions and a head that do not belong together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.JournalVersions.AsNoTracking().Where(v => v.UserId == userId).OrderBy(v => v.Sequence).ToListAsync(cancellationToken);
        var contents = await db.JournalContents.AsNoTracking().Where(c => c.UserId == userId).ToDictionaryAsync(c => c.VersionId, c => c.Payload, cancellationToken);
        var headRow = await db.JournalHeads.AsNoTracking().SingleOrDefaultAsync(h => h.UserId == userId, cancellationToken);
        var versions = rows.Select(v =>
        {
            var (salt, content) = contents.TryGetValue(v.Id, out var payload) ? Open(key, userId, v.Id, payload) : (null, null);
            return new ExportedVersion(v.EntryId, v.VersionNumber, (VersionKind)v.Kind, v.WrittenAtUnixMs, v.PreviousHash, salt, content, v.ContentDigest, v.Hash);
        }).ToList();
        var head = headRow is null || headRow.Length == 0 ? null : new ChainHead(headRow.Length, headRow.Hash);
        return new JournalExport(time.GetUtcNow(), versions, head);
    }

    /// <summary>
    /// The files the export's versions list, each at the SHA-256 its content records, with a copy without metadata
    /// for images. A file whose bytes are gone or do not open is left out, so the verifier names it as missing.
    /// </summary>
    public async Task<IReadOnlyList<ExportedFile>> ExportFilesAsync(string userId, DataKey key, JournalExport export, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(export);
        var files = new List<ExportedFile>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var listedFiles = EvidenceFiles.Listed(export);
        var ids = listedFiles.Select(l => l.File.Id).ToList();
        // One read for all of them: a query per file cost more than decrypting it.
        var rows = await db.JournalAttachments.AsNoTracking().Where(a => a.UserId == userId && ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Payload, a.WithoutMetadata }).ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var (listed, _) in listedFiles)
        {
            if (!rows.TryGetValue(listed.Id, out var row) || JournalAttachmentStore.OpenOrNull(key, row.Payload, JournalAttachmentStore.Binding(userId, listed.Id)) is not { } original)
            {
                continue;
            }
            var clean = row.WithoutMetadata is { } blob ? JournalAttachmentStore.OpenOrNull(key, blob, JournalAttachmentStore.CleanBinding(userId, listed.Id)) : null;
            files.Add(new ExportedFile(listed.Sha256, EvidenceFiles.ExtensionFor(listed.MediaType), original, clean));
        }
        return files;
    }

    // A row that does not open (moved, changed) is exported without content, and the verifier names it.
    private static (byte[]? Salt, byte[]? Content) Open(DataKey key, string userId, Guid versionId, byte[] payload)
    {
        try
        {
            var plaintext = FieldCipher.Decrypt(key, payload, JournalStore.ContentBinding(userId, versionId));
            try
            {
                return plaintext.Length < VersionChain.SaltSize
                    ? (null, null)
                    : (plaintext[..VersionChain.SaltSize], plaintext[VersionChain.SaltSize..]);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
        catch (RecordDecryptionException)
        {
            return (null, null);
        }
    }
}
