using System.Security.Cryptography;
using HealingCompass.Data.Encryption;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Attachments;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Journal.Attachments;

/// <summary>What happened to an added file: saved (with what the entry now lists), or refused with a kind sentence.</summary>
public sealed record AttachmentAddResult(JournalWriteStatus Status, EntryAttachment? Attachment, string? Message)
{
    public bool Saved => Status == JournalWriteStatus.Saved;
}

/// <summary>An original file, decrypted for its owner, with the kind its bytes show.</summary>
public sealed record AttachmentFile(byte[] Bytes, FileType? Type);

/// <summary>
/// Files on journal entries. Only saved entries take files: a file is added on the entry's page and is in the
/// journal at once (a new version lists it), so nothing lingers half-added if the person leaves in a hurry.
/// The original bytes are encrypted exactly as they came (never re-encoded); their SHA-256 is taken before
/// anything else and recorded in the version's content, so the chain covers it. Scoped to the owner throughout:
/// another person's id gets the same not-found, by the same query, as one that does not exist.
/// </summary>
public sealed class JournalAttachmentStore(IDbContextFactory<HealingCompassDbContext> contexts, JournalStore journal, TimeProvider time)
{
    /// <summary>Record type: never rename it once data is saved.</summary>
    internal const string OriginalRecordType = "journal-attachment.original";

    /// <summary>Record type of the copy without metadata: never rename it once data is saved.</summary>
    internal const string WithoutMetadataRecordType = "journal-attachment.without-metadata";

    public const string NotFoundMessage = "We couldn't find that entry in your journal, so the file wasn't added.";

    /// <summary>Reads the file (at most one byte past the limit), checks it, and adds it to the entry as a new version.</summary>
    public async Task<AttachmentAddResult> AddAsync(string userId, DataKey key, Guid entryId, string? fileName, Stream file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var bytes = await ReadAtMostAsync(file, AttachmentRules.MaxBytes + 1, cancellationToken);
        try
        {
            var check = AttachmentRules.Check(fileName, bytes.Length, bytes.AsSpan(0, Math.Min(bytes.Length, FileTypes.HeaderLength)), 0);
            if (!check.Accepted)
            {
                return new AttachmentAddResult(JournalWriteStatus.Invalid, null, check.Message);
            }
            var attachment = new EntryAttachment(
                Guid.NewGuid(),
                AttachmentRules.TidyName(fileName!),
                check.Type!.MediaType,
                bytes.Length,
                Convert.ToHexStringLower(SHA256.HashData(bytes)),
                FileMetadata.Read(bytes));
            var clean = MetadataFreeCopy.Make(bytes, check.Type);
            string? refusal = null;
            var status = await journal.ChangeFilesAsync(userId, key, entryId, latest =>
            {
                var full = AttachmentRules.Check(fileName, bytes.Length, bytes.AsSpan(0, FileTypes.HeaderLength > bytes.Length ? bytes.Length : FileTypes.HeaderLength), latest.Attachments.Count);
                refusal = full.Message;
                return full.Accepted ? latest with { Attachments = [.. latest.Attachments, attachment] } : null;
            }, db => db.JournalAttachments.Add(new JournalAttachment
            {
                Id = attachment.Id,
                UserId = userId,
                EntryId = entryId,
                CreatedUtc = time.GetUtcNow().UtcDateTime,
                Payload = FieldCipher.Encrypt(key, bytes, Binding(userId, attachment.Id)),
                WithoutMetadata = clean is null ? null : FieldCipher.Encrypt(key, clean, CleanBinding(userId, attachment.Id)),
            }), cancellationToken);
            return status switch
            {
                JournalWriteStatus.Saved => new AttachmentAddResult(status, attachment, null),
                JournalWriteStatus.Invalid => new AttachmentAddResult(status, null, refusal),
                _ => new AttachmentAddResult(JournalWriteStatus.NotFound, null, NotFoundMessage),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// "Take this file out": a new version without it. Its bytes stay stored (earlier versions list it, and the
    /// history must stay checkable) until the entry is erased.
    /// </summary>
    public async Task<JournalWriteStatus> TakeOutAsync(string userId, DataKey key, Guid entryId, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        var status = await journal.ChangeFilesAsync(userId, key, entryId, latest =>
            latest.Attachments.Any(a => a.Id == attachmentId) ? latest with { Attachments = [.. latest.Attachments.Where(a => a.Id != attachmentId)] } : null,
            null, cancellationToken);
        return status == JournalWriteStatus.Invalid ? JournalWriteStatus.NotFound : status;
    }

    /// <summary>The original bytes for their owner, or null (missing, someone else's, erased, or not opening).</summary>
    public async Task<AttachmentFile?> OpenAsync(string userId, DataKey key, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One query for all three cases, so a stranger's id costs the same as a made-up one.
        var payload = await db.JournalAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && a.UserId == userId)
            .Select(a => a.Payload)
            .SingleOrDefaultAsync(cancellationToken);
        if (payload is null)
        {
            return null;
        }
        try
        {
            var bytes = FieldCipher.Decrypt(key, payload, Binding(userId, attachmentId));
            return new AttachmentFile(bytes, FileTypes.Recognise(bytes.AsSpan(0, Math.Min(bytes.Length, FileTypes.HeaderLength))));
        }
        catch (RecordDecryptionException)
        {
            return null;
        }
    }

    /// <summary>The copy without metadata for its owner; null when there is none (not an image) or no such file.</summary>
    public async Task<byte[]?> OpenWithoutMetadataAsync(string userId, DataKey key, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.JournalAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && a.UserId == userId)
            .Select(a => new { a.WithoutMetadata })
            .SingleOrDefaultAsync(cancellationToken);
        return row?.WithoutMetadata is { } blob ? OpenOrNull(key, blob, CleanBinding(userId, attachmentId)) : null;
    }

    /// <summary>Whether this person has a file with this id (the same query shape as opening it).</summary>
    public async Task<bool> ExistsAsync(string userId, Guid attachmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.JournalAttachments.AnyAsync(a => a.Id == attachmentId && a.UserId == userId, cancellationToken);
    }

    internal static RecordBinding Binding(string userId, Guid attachmentId) => new(userId, OriginalRecordType, attachmentId.ToString("N"));

    internal static RecordBinding CleanBinding(string userId, Guid attachmentId) => new(userId, WithoutMetadataRecordType, attachmentId.ToString("N"));

    internal static byte[]? OpenOrNull(DataKey key, byte[] blob, RecordBinding binding)
    {
        try
        {
            return FieldCipher.Decrypt(key, blob, binding);
        }
        catch (RecordDecryptionException)
        {
            return null;
        }
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
