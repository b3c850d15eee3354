using System.Security.Cryptography;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.CheckIns;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Attachments;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Domain.MyData;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.MyData;

/// <summary>What came in, for the page to say, and how many activity lines were read and left out.</summary>
public sealed record ImportSummary(int Assessments, bool Plan, int Commitments, int CheckIns, int JournalEntries, int JournalVersions, string JournalFingerprint, int JournalFiles = 0, int ActivityLeftOut = 0);

/// <summary>Either the summary of what was written, or a kind sentence saying why nothing was.</summary>
public sealed record ImportOutcome(ImportSummary? Summary, string? ProblemMessage)
{
    public bool Imported => Summary is not null;

    internal static ImportOutcome Problem(string message) => new(null, message);
}

/// <summary>When the account's data came in (the journal's imported versions are positions 1 to <see cref="JournalLength"/>).</summary>
public sealed record ImportNote(DateTimeOffset ImportedAt, DateTimeOffset ExportedAt, long JournalLength);

/// <summary>
/// Brings an "Export everything" archive into a new, empty account. Everything is checked first (the archive, the
/// manifest and every part's format version, every part's content, the journal chain with
/// <see cref="ExportVerifier"/>); only then is it all written in one transaction, encrypted under this account's
/// key with new record ids. The journal's versions keep their entry ids, times and hashes exactly, so the head
/// fingerprint is the one the person (or an advocate) noted before; the chain's hashes never covered the owner.
/// An account that already holds data is refused: two chains cannot be joined without changing every hash.
/// </summary>
public sealed class MyDataImporter(IDbContextFactory<HealingCompassDbContext> contexts, TimeProvider time)
{
    private static readonly string[] Required = [MyDataJson.AssessmentsName, MyDataJson.PlanName, MyDataJson.CheckInsName, JournalExport.FileName];

    public async Task<ImportOutcome> ImportAsync(string userId, DataKey key, Stream upload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(key);
        var archive = MyDataArchive.Read(upload);
        if (archive.Parts is null)
        {
            return ImportOutcome.Problem(archive.ProblemMessage!);
        }
        var (content, problem) = Check(archive.Parts);
        return content is null ? ImportOutcome.Problem(problem!) : await WriteAsync(userId, key, content, cancellationToken);
    }

    /// <summary>Reads and checks every part; nothing is written. Never throws on bad input.</summary>
    public static (MyDataContent? Content, string? Problem) Check(IReadOnlyDictionary<string, byte[]> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var (manifest, manifestProblem) = MyDataManifest.Read(parts.GetValueOrDefault(MyDataManifest.FileName));
        if (manifest is null)
        {
            return (null, manifestProblem);
        }
        foreach (var name in Required)
        {
            var listed = manifest.Parts.FirstOrDefault(p => p.Name == name);
            if (listed is null || !parts.ContainsKey(name))
            {
                return (null, $"This export has no {name}, which every export holds, so nothing was brought in.");
            }
            var expected = name == JournalExport.FileName ? JournalExport.FormatVersion : MyDataJson.FormatVersion;
            if (listed.FormatVersion != expected)
            {
                return (null, $"{name} in this export uses a format this server does not know (version {listed.FormatVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}); it brings in version {expected}. Nothing was brought in.");
            }
        }
        var (assessments, problem) = MyDataJson.ReadAssessments(parts[MyDataJson.AssessmentsName]);
        if (assessments is null)
        {
            return (null, problem);
        }
        var (plan, commitments, planProblem) = MyDataJson.ReadPlan(parts[MyDataJson.PlanName]);
        if (commitments is null)
        {
            return (null, planProblem);
        }
        var (checkIns, checkInProblem) = MyDataJson.ReadCheckIns(parts[MyDataJson.CheckInsName]);
        if (checkIns is null)
        {
            return (null, checkInProblem);
        }
        if (plan is null && checkIns.Count > 0)
        {
            return (null, $"{MyDataJson.CheckInsName} has check-ins but plan.json has no plan, which the app never writes, so nothing was brought in.");
        }
        var journal = JournalExportJson.Read(parts[JournalExport.FileName]);
        if (journal.Export is null)
        {
            return (null, $"The journal in this export could not be read, so nothing was brought in. {journal.ProblemMessage}");
        }
        var report = ExportVerifier.Verify(journal.Export);
        if (report.FirstBreak is { } broken)
        {
            return (null, $"The journal in this export does not check out, so nothing was brought in. {broken.Describe()} ({broken.Code})");
        }
        // The chain holds, but anyone can build a chain: every entry's words must also be ones the app can open.
        foreach (var v in journal.Export.Versions.Where(v => v.Kind is VersionKind.Create or VersionKind.Edit && v.Content is not null))
        {
            try
            {
                EntryJson.Read(v.Content);
            }
            catch (FormatException)
            {
                return (null, "A journal entry in this export has content this server cannot read, so nothing was brought in.");
            }
        }
        var (files, filesProblem) = CheckFiles(journal.Export, parts);
        if (files is null)
        {
            return (null, filesProblem);
        }
        var activityLines = 0;
        if (manifest.Parts.FirstOrDefault(p => p.Name == MyDataJson.ActivityName) is { } activityPart && parts.TryGetValue(MyDataJson.ActivityName, out var activityBytes))
        {
            // Read to be sure the archive is whole, then left out: it describes sign-ins on the server it came from.
            if (activityPart.FormatVersion != MyDataJson.FormatVersion)
            {
                return (null, $"{MyDataJson.ActivityName} in this export uses a format this server does not know (version {activityPart.FormatVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}); it reads version {MyDataJson.FormatVersion}. Nothing was brought in.");
            }
            var (lines, activityProblem) = MyDataJson.ReadActivity(activityBytes);
            if (lines is null)
            {
                return (null, activityProblem);
            }
            activityLines = lines.Value;
        }
        return (new MyDataContent(manifest.ExportedAt, assessments, plan, commitments, checkIns, journal.Export) { Files = files, ActivityLinesLeftOut = activityLines }, null);
    }

    /// <summary>
    /// Every file the journal's versions list, each by its attachment id: there, at most the size an entry takes,
    /// of the kind the entry says, and exactly the bytes its SHA-256 names (the chain covers the SHA-256, so this is
    /// what makes the files part of the checked record). No entry lists more files than an entry can hold.
    /// </summary>
    private static (List<ImportedFile>? Files, string? Problem) CheckFiles(JournalExport export, IReadOnlyDictionary<string, byte[]> parts)
    {
        var files = new List<ImportedFile>();
        var seen = new HashSet<Guid>();
        var position = 0;
        foreach (var version in export.Versions)
        {
            position++;
            if (version.Kind is not (VersionKind.Create or VersionKind.Edit) || version.Content is not { Length: > 0 } content)
            {
                continue;
            }
            var entry = EntryJson.Read(content).Content; // readable: checked just before
            if (entry.Attachments.Count > AttachmentRules.MaxFilesPerEntry)
            {
                return (null, $"A journal entry in this export lists {entry.Attachments.Count} files, more than the {AttachmentRules.MaxFilesPerEntry} an entry can hold, so nothing was brought in.");
            }
            foreach (var file in entry.Attachments.Where(f => seen.Add(f.Id)))
            {
                var extension = EvidenceFiles.ExtensionFor(file.MediaType);
                var path = EvidenceFiles.OriginalPath(file.Sha256, extension);
                if (!parts.TryGetValue(path, out var bytes))
                {
                    return (null, $"{new FileBreak(FileBreakKind.MissingFile, file.FileName, path, position).Describe()} So nothing was brought in.");
                }
                if (bytes.Length > AttachmentRules.MaxBytes)
                {
                    return (null, $"The file “{file.FileName}” in this export is larger than the {AttachmentRules.MaxBytes / (1024 * 1024)} MB a journal file can be, so nothing was brought in.");
                }
                if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256, StringComparison.Ordinal))
                {
                    return (null, $"{new FileBreak(FileBreakKind.ChangedFile, file.FileName, path, position).Describe()} So nothing was brought in. (changed-file)");
                }
                var type = FileTypes.Recognise(bytes.AsSpan(0, Math.Min(bytes.Length, FileTypes.HeaderLength)));
                if (type is null || type.MediaType != file.MediaType)
                {
                    return (null, $"The file “{file.FileName}” in this export is not the kind of file its entry says it is, so nothing was brought in.");
                }
                // The copy without metadata is not evidence: the archive's is used when it is there, else made again.
                var clean = parts.TryGetValue(EvidenceFiles.WithoutMetadataPath(file.Sha256, extension), out var copy) && copy.Length <= AttachmentRules.MaxBytes
                    ? copy
                    : MetadataFreeCopy.Make(bytes, type);
                files.Add(new ImportedFile(file.Id, version.EntryId, version.WrittenAtUnixMs, bytes, clean));
            }
        }
        return (files, null);
    }

    /// <summary>When this account's data was brought in, or null when it was not.</summary>
    public async Task<ImportNote?> NoteAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.DataImports.AsNoTracking().SingleOrDefaultAsync(i => i.UserId == userId, cancellationToken);
        return row is null ? null : new ImportNote(Utc(row.ImportedUtc), Utc(row.ExportedUtc), row.JournalLength);
    }

    /// <summary>Whether this entry came in with an import (its first version is one of the imported positions).</summary>
    public async Task<ImportNote?> NoteForEntryAsync(string userId, Guid entryId, CancellationToken cancellationToken = default)
    {
        var note = await NoteAsync(userId, cancellationToken);
        if (note is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var first = await db.JournalVersions.AsNoTracking().Where(v => v.UserId == userId && v.EntryId == entryId && v.VersionNumber == 1).Select(v => (long?)v.Sequence).SingleOrDefaultAsync(cancellationToken);
        return first is { } sequence && sequence <= note.JournalLength ? note : null;
    }

    private async Task<ImportOutcome> WriteAsync(string userId, DataKey key, MyDataContent content, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await HasDataAsync(db, userId, cancellationToken))
        {
            return ImportOutcome.Problem("This account already has its own saved answers, plan, check-ins or journal, so nothing was brought in: an export goes into a new, empty account, where nothing of yours can be mixed up or lost. Your account is exactly as it was.");
        }
        var entryIds = content.Journal.Versions.Select(v => v.EntryId).Distinct().ToList();
        var fileIds = content.Files.Select(f => f.AttachmentId).ToList();
        if (await db.JournalEntries.AnyAsync(e => entryIds.Contains(e.Id), cancellationToken)
            || await db.JournalAttachments.AnyAsync(a => fileIds.Contains(a.Id), cancellationToken))
        {
            // Entry ids are in the hashes, so they are kept, and this server already holds these entries.
            return ImportOutcome.Problem("This journal is already on this server, in another account, so it was not brought in here. Nothing was written.");
        }
        var now = time.GetUtcNow();
        // Thousands of rows are added, never changed: scanning every tracked row at each Add is most of the cost.
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        foreach (var a in content.Assessments)
        {
            var id = Guid.NewGuid();
            db.SavedAssessments.Add(new SavedAssessment
            {
                Id = id,
                UserId = userId,
                IsDraft = a.IsDraft,
                CreatedUtc = a.CreatedUtc,
                UpdatedUtc = a.UpdatedUtc,
                Payload = FieldCipher.EncryptString(key, AnswersFile.Write(a.Answers), SavedAssessmentStore.Binding(userId, id)),
            });
            await SaveInOrderAsync(db, cancellationToken);
        }
        var commitmentIds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (content.Plan is { } plan)
        {
            var planId = Guid.NewGuid();
            db.SavedPlans.Add(new SavedPlan
            {
                Id = planId,
                UserId = userId,
                CreatedUtc = plan.CreatedUtc,
                UpdatedUtc = plan.UpdatedUtc,
                Payload = PlanStore.EncryptJson(key, PlanStore.PlanBinding(userId, planId), plan.Settings, PlanJsonContext.Default.PlanSettings),
            });
            foreach (var c in content.Commitments)
            {
                var id = Guid.NewGuid();
                commitmentIds[c.Id.ToString()] = id.ToString();
                db.Commitments.Add(new CommitmentRow
                {
                    Id = id,
                    UserId = userId,
                    Source = (int)c.Source,
                    Kind = (int)c.Kind,
                    Status = (int)c.Status,
                    CreatedUtc = c.CreatedUtc,
                    UpdatedUtc = c.UpdatedUtc,
                    Payload = PlanStore.EncryptJson(key, PlanStore.Binding(userId, id), new CommitmentText(c.StepId, c.Title, c.Text, c.ContentVersion), PlanJsonContext.Default.CommitmentText),
                });
                await SaveInOrderAsync(db, cancellationToken);
            }
        }
        foreach (var c in content.CheckIns)
        {
            var id = Guid.NewGuid();
            var answers = c.Answers with { CommitmentsKept = Renamed(c.Answers.CommitmentsKept, commitmentIds), BoundariesHeld = Renamed(c.Answers.BoundariesHeld, commitmentIds) };
            db.CheckIns.Add(new CheckInRow
            {
                Id = id,
                UserId = userId,
                Week = c.Week,
                WasLate = c.WasLate,
                CreatedUtc = c.CreatedUtc,
                UpdatedUtc = c.UpdatedUtc,
                Payload = FieldCipher.EncryptString(key, CheckInAnswersJson.Write(answers), CheckInStore.Binding(userId, id)),
            });
        }
        var entries = AddJournal(db, userId, key, content.Journal);
        foreach (var file in content.Files)
        {
            // The id stays (the entry's hashed content names it); the binding is the new owner's.
            db.JournalAttachments.Add(new JournalAttachment
            {
                Id = file.AttachmentId,
                UserId = userId,
                EntryId = file.EntryId,
                CreatedUtc = DateTimeOffset.FromUnixTimeMilliseconds(file.WrittenAtUnixMs).UtcDateTime,
                Payload = FieldCipher.Encrypt(key, file.Original, JournalAttachmentStore.Binding(userId, file.AttachmentId)),
                WithoutMetadata = file.WithoutMetadata is null ? null : FieldCipher.Encrypt(key, file.WithoutMetadata, JournalAttachmentStore.CleanBinding(userId, file.AttachmentId)),
            });
        }

        db.DataImports.Add(new DataImport { UserId = userId, ImportedUtc = now.UtcDateTime, ExportedUtc = content.ExportedAt.UtcDateTime, JournalLength = content.Journal.Versions.Count });
        db.ChangeTracker.DetectChanges(); // the one changed row: an existing journal head
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome(
            new ImportSummary(content.Assessments.Count, content.Plan is not null, content.Commitments.Count, content.CheckIns.Count, entries, content.Journal.Versions.Count, content.Journal.Fingerprint, content.Files.Count, content.ActivityLinesLeftOut),
            null);
    }

    // The versions exactly as exported (entry ids, numbers, times, digests, hashes): only the version ids, which the
    // hashes do not cover, are new, and each content row is encrypted under this owner and that new id.
    private static int AddJournal(HealingCompassDbContext db, string userId, DataKey key, JournalExport journal)
    {
        var versions = journal.Versions;
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            var versionId = Guid.NewGuid();
            db.JournalVersions.Add(new JournalVersion
            {
                Id = versionId,
                UserId = userId,
                EntryId = v.EntryId,
                Sequence = i + 1,
                VersionNumber = v.VersionNumber,
                Kind = (int)v.Kind,
                WrittenAtUnixMs = v.WrittenAtUnixMs,
                ContentDigest = v.ContentDigest,
                PreviousHash = v.PreviousHash,
                Hash = v.Hash,
            });
            if (v.Salt is not null && v.Content is not null)
            {
                var plaintext = new byte[v.Salt.Length + v.Content.Length];
                try
                {
                    v.Salt.CopyTo(plaintext, 0);
                    v.Content.CopyTo(plaintext, v.Salt.Length);
                    db.JournalContents.Add(new JournalContent { VersionId = versionId, UserId = userId, Payload = FieldCipher.Encrypt(key, plaintext, JournalStore.ContentBinding(userId, versionId)) });
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(plaintext);
                }
            }
        }
        var byEntry = versions.GroupBy(v => v.EntryId).ToList();
        foreach (var entry in byEntry)
        {
            var first = entry.First();
            var last = entry.Last();
            db.JournalEntries.Add(new JournalEntry
            {
                Id = entry.Key,
                UserId = userId,
                CreatedUtc = DateTimeOffset.FromUnixTimeMilliseconds(first.WrittenAtUnixMs).UtcDateTime,
                UpdatedUtc = DateTimeOffset.FromUnixTimeMilliseconds(last.WrittenAtUnixMs).UtcDateTime,
                VersionCount = last.VersionNumber,
                State = last.Kind switch
                {
                    VersionKind.Remove => JournalEntryState.Removed,
                    VersionKind.Erase => JournalEntryState.Erased,
                    _ => JournalEntryState.Active,
                },
                ErasedUtc = last.Kind == VersionKind.Erase ? DateTimeOffset.FromUnixTimeMilliseconds(last.WrittenAtUnixMs).UtcDateTime : null,
            });
        }
        if (journal.Head is { Length: > 0 } head)
        {
            // A head row may exist already (the person read the first-use guidance); it has no versions yet.
            var row = db.JournalHeads.SingleOrDefault(h => h.UserId == userId);
            if (row is null)
            {
                db.JournalHeads.Add(new JournalHead { UserId = userId, Length = head.Length, Hash = head.Hash });
            }
            else
            {
                row.Length = head.Length;
                row.Hash = head.Hash;
            }
        }
        return byEntry.Count;
    }

    // EF sorts one save's inserts by key; rows written one by one keep the export's order where their times are equal
    // (a plan's commitments share one), and the whole import is still the one transaction.
    private static Task<int> SaveInOrderAsync(HealingCompassDbContext db, CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    private static async Task<bool> HasDataAsync(HealingCompassDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.SavedAssessments.AnyAsync(a => a.UserId == userId, cancellationToken)
        || await db.SavedPlans.AnyAsync(p => p.UserId == userId, cancellationToken)
        || await db.Commitments.AnyAsync(c => c.UserId == userId, cancellationToken)
        || await db.CheckIns.AnyAsync(c => c.UserId == userId, cancellationToken)
        || await db.JournalVersions.AnyAsync(v => v.UserId == userId, cancellationToken)
        || await db.JournalDrafts.AnyAsync(d => d.UserId == userId, cancellationToken)
        || await db.JournalAttachments.AnyAsync(a => a.UserId == userId, cancellationToken)
        || await db.DataImports.AnyAsync(i => i.UserId == userId, cancellationToken);

    private static List<string> Renamed(IReadOnlyList<string> ids, Dictionary<string, string> renames) =>
        [.. ids.Select(id => renames.TryGetValue(id, out var renamed) ? renamed : id)];

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
