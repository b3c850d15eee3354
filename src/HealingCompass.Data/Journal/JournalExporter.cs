using System.Buffers.Binary;
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
/// With a period, entries outside it keep every version's metadata and hashes but lose salt and content, so the
/// chain is never cut. Each export's head is recorded (encrypted, see <see cref="JournalExportRecord"/>) and listed
/// by later exports. The versions read are never changed: exporting twice with no write between gives the same head.
/// </summary>
public sealed class JournalExporter(IDbContextFactory<HealingCompassDbContext> contexts, TimeProvider time)
{
    internal const string RecordType = "journal-export.head";

    public async Task<JournalExport> ExportAsync(string userId, DataKey key, CancellationToken cancellationToken = default) =>
        await ExportAsync(userId, key, null, cancellationToken);

    public async Task<JournalExport> ExportAsync(string userId, DataKey key, ExportPeriod? period, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(key);
        if (period is { IsWhole: true })
        {
            period = null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One transaction, so a write landing mid-export cannot give versions and a head that do not belong together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.JournalVersions.AsNoTracking().Where(v => v.UserId == userId).OrderBy(v => v.Sequence).ToListAsync(cancellationToken);
        var contents = await db.JournalContents.AsNoTracking().Where(c => c.UserId == userId).ToDictionaryAsync(c => c.VersionId, c => c.Payload, cancellationToken);
        var headRow = await db.JournalHeads.AsNoTracking().SingleOrDefaultAsync(h => h.UserId == userId, cancellationToken);
        var records = await db.JournalExportRecords.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(cancellationToken);

        var opened = rows.Select(v => (Row: v, Opened: contents.TryGetValue(v.Id, out var payload) ? Open(key, userId, v.Id, payload) : (null, null))).ToList();
        var outside = period is null ? [] : OutsideEntries(opened, period);
        var versions = opened.Select(o => outside.Contains(o.Row.EntryId)
            ? new ExportedVersion(o.Row.EntryId, o.Row.VersionNumber, (VersionKind)o.Row.Kind, o.Row.WrittenAtUnixMs, o.Row.PreviousHash, null, null, o.Row.ContentDigest, o.Row.Hash, OutsidePeriod: true)
            : new ExportedVersion(o.Row.EntryId, o.Row.VersionNumber, (VersionKind)o.Row.Kind, o.Row.WrittenAtUnixMs, o.Row.PreviousHash, o.Opened.Salt, o.Opened.Content, o.Row.ContentDigest, o.Row.Hash)).ToList();
        var head = headRow is null || headRow.Length == 0 ? null : new ChainHead(headRow.Length, headRow.Hash);
        var now = time.GetUtcNow();
        var earlier = Earlier(key, userId, records);

        db.JournalExportRecords.Add(Record(key, userId, head, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new JournalExport(now, versions, head, period, earlier);
    }

    private const int StreamBatch = 8;

    /// <summary>
    /// The files the export's versions list, each at the SHA-256 its content records, with a copy without metadata
    /// for images, read a few at a time as the archive asks for them. A file whose bytes are gone or do not open is
    /// left out, so the verifier names it as missing.
    /// </summary>
    public async IAsyncEnumerable<ExportedFile> StreamFilesAsync(string userId, DataKey key, JournalExport export, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(export);
        // A few files per read: fewer queries than one per file, and never more than a few files in memory.
        foreach (var batch in EvidenceFiles.Listed(export).Chunk(StreamBatch))
        {
            var ids = batch.Select(l => l.File.Id).ToList();
            List<(Guid Id, byte[] Payload, byte[]? WithoutMetadata)> rows;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                rows = [.. (await db.JournalAttachments.AsNoTracking().Where(a => a.UserId == userId && ids.Contains(a.Id))
                    .Select(a => new { a.Id, a.Payload, a.WithoutMetadata }).ToListAsync(cancellationToken)).Select(a => (a.Id, a.Payload, a.WithoutMetadata))];
            }
            foreach (var (listed, _) in batch)
            {
                var row = rows.FirstOrDefault(r => r.Id == listed.Id);
                if (row.Payload is null || JournalAttachmentStore.OpenOrNull(key, row.Payload, JournalAttachmentStore.Binding(userId, listed.Id)) is not { } original)
                {
                    continue;
                }
                var clean = row.WithoutMetadata is { } blob ? JournalAttachmentStore.OpenOrNull(key, blob, JournalAttachmentStore.CleanBinding(userId, listed.Id)) : null;
                yield return new ExportedFile(listed.Sha256, EvidenceFiles.ExtensionFor(listed.MediaType), original, clean);
            }
        }
    }

    /// <summary>
    /// The same files as <see cref="StreamFilesAsync"/>, all at once (for the PDF's small pictures and for tests).
    /// </summary>
    public async Task<IReadOnlyList<ExportedFile>> ExportFilesAsync(string userId, DataKey key, JournalExport export, CancellationToken cancellationToken = default)
    {
        var files = new List<ExportedFile>();
        await foreach (var file in StreamFilesAsync(userId, key, export, cancellationToken))
        {
            files.Add(file);
        }
        return files;
    }

    /// <summary>
    /// Entries outside the period, judged by what their latest readable version says happened (or the day they were
    /// first written, when no day was given). Erased entries have no words to leave out and are never outside.
    /// </summary>
    private static HashSet<Guid> OutsideEntries(List<(JournalVersion Row, (byte[]? Salt, byte[]? Content) Opened)> versions, ExportPeriod period)
    {
        var outside = new HashSet<Guid>();
        foreach (var entry in versions.GroupBy(v => v.Row.EntryId))
        {
            if (entry.All(v => v.Opened.Content is null))
            {
                continue;
            }
            var firstWritten = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(entry.Min(v => v.Row.WrittenAtUnixMs)).UtcDateTime);
            HappenedAt? happened = null;
            foreach (var v in entry.OrderByDescending(v => v.Row.VersionNumber))
            {
                if (v.Opened.Content is { Length: > 0 } bytes && (VersionKind)v.Row.Kind is VersionKind.Create or VersionKind.Edit)
                {
                    try
                    {
                        happened = EntryJson.Read(bytes).Content.Happened;
                        break;
                    }
                    catch (FormatException)
                    {
                        // Unreadable words: try the version before.
                    }
                }
            }
            if (!period.Includes(happened, firstWritten))
            {
                outside.Add(entry.Key);
            }
        }
        return outside;
    }

    // Earlier exports, oldest first, each head once (at the first time it was exported). A record that does not open is left out.
    private static List<EarlierHead> Earlier(DataKey key, string userId, List<JournalExportRecord> records)
    {
        var heads = new List<EarlierHead>();
        foreach (var record in records)
        {
            try
            {
                var plain = FieldCipher.Decrypt(key, record.Payload, Binding(userId, record.Id));
                if (plain.Length == 16 + VersionChain.HashSize)
                {
                    heads.Add(new EarlierHead(DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(plain.AsSpan(8))), BinaryPrimitives.ReadInt64BigEndian(plain), plain[16..]));
                }
            }
            catch (RecordDecryptionException)
            {
            }
        }
        return [.. heads.OrderBy(h => h.ExportedAt).DistinctBy(h => (h.Length, Convert.ToHexString(h.Hash)))];
    }

    private static JournalExportRecord Record(DataKey key, string userId, ChainHead? head, DateTimeOffset at)
    {
        var id = Guid.NewGuid();
        var plain = new byte[16 + VersionChain.HashSize];
        BinaryPrimitives.WriteInt64BigEndian(plain, head?.Length ?? 0);
        BinaryPrimitives.WriteInt64BigEndian(plain.AsSpan(8), at.ToUnixTimeMilliseconds());
        (head?.Hash ?? VersionChain.Genesis).AsSpan(0, VersionChain.HashSize).CopyTo(plain.AsSpan(16));
        return new JournalExportRecord { Id = id, UserId = userId, Payload = FieldCipher.Encrypt(key, plain, Binding(userId, id)) };
    }

    private static RecordBinding Binding(string userId, Guid recordId) => new(userId, RecordType, recordId.ToString("N"));

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
