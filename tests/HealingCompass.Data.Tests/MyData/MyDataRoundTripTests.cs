using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using HealingCompass.Data.Activity;
using HealingCompass.Data.Journal;
using HealingCompass.Data.MyData;
using HealingCompass.Data.Tests.CheckIns;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Activity;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Domain.MyData;
using HealingCompass.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Tests.MyData;

/// <summary>
/// "Take it with me" on real SQLite files: everything a person keeps, exported from one database and imported into
/// a new account in a second database, comes back the same (assessments, plan, commitments, check-ins, every
/// journal version), encrypted under the new key, with a chain that verifies and ends in the same head.
/// </summary>
public sealed class MyDataRoundTripTests
{
    private const string JournalWords = "Kept-words-sentinel-7Q2 said at the door";
    private const string CheckInNote = "Checkin-note-sentinel-4RZ";

    private static readonly string[] JsonParts = ["manifest.json", "assessments.json", "plan.json", "check-ins.json", "activity.json"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Everything_exported_from_one_database_and_imported_into_a_new_account_in_another_is_the_same_and_the_chain_verifies_with_the_same_head(DatabaseProvider provider)
    {
        await using var source = await CheckInFixture.CreateAsync(provider);
        using var alex = await source.Database.AddAccountAsync("carry.alex");
        await WriteEverythingAsync(source, alex);
        var archive = await ArchiveAsync(source.Database, alex);

        await using var target = await TestDatabase.CreateAsync(provider: provider);
        using var sam = await target.AddAccountAsync("carry.sam");
        // Having read the journal's first-use guidance makes a head row with no versions: still an empty account.
        await target.Journal.MarkGuidanceSeenAsync(sam.UserId, Cancel);
        var outcome = await Importer(target).ImportAsync(sam.UserId, sam.Key, new MemoryStream(archive), Cancel);

        Assert.True(outcome.Imported, outcome.ProblemMessage);
        Assert.Equal(new ImportSummary(3, true, 3, 2, 2, 7, (await Exporter(source.Database).ExportAsync(alex.UserId, alex.Key, Cancel)).Journal.Fingerprint, JournalFiles: 0, ActivityLeftOut: 2), outcome.Summary);

        // Assessments: the draft and the history, answers and times.
        var before = await source.Database.Store.LoadHistoryAsync(alex.UserId, alex.Key, Cancel);
        var after = await target.Store.LoadHistoryAsync(sam.UserId, sam.Key, Cancel);
        Assert.Equal(before.Select(a => (a.CompletedUtc, AnswersFile.Write(a.Answers))), after.Select(a => (a.CompletedUtc, AnswersFile.Write(a.Answers))));
        Assert.Equal(
            AnswersFile.Write((await source.Database.Store.LoadDraftAsync(alex.UserId, alex.Key, Cancel))!),
            AnswersFile.Write((await target.Store.LoadDraftAsync(sam.UserId, sam.Key, Cancel))!));

        // The plan and every commitment, in order, with its status.
        var planBefore = (await source.Database.Plans.LoadAsync(alex.UserId, alex.Key, Cancel))!;
        var planAfter = (await target.Plans.LoadAsync(sam.UserId, sam.Key, Cancel))!;
        Assert.Equal(planBefore.Settings with { ChosenTracks = [] }, planAfter.Settings with { ChosenTracks = [] });
        Assert.Equal(planBefore.Settings.ChosenTracks, planAfter.Settings.ChosenTracks);
        Assert.Equal(planBefore.Commitments.Select(c => c with { Id = Guid.Empty }), planAfter.Commitments.Select(c => c with { Id = Guid.Empty }));
        Assert.Contains(planAfter.Commitments, c => c.Status == CommitmentStatus.Paused);

        // Check-ins: every answer, and the commitments they kept now name the new account's commitments.
        var checkInsBefore = await source.Database.CheckIns.LoadAllAsync(alex.UserId, alex.Key, Cancel);
        var checkInsAfter = await target.CheckIns.LoadAllAsync(sam.UserId, sam.Key, Cancel);
        Assert.Equal(checkInsBefore.Select(c => (c.Week, c.WasLate, c.Answers.Note, c.Answers.WeekFelt, c.Answers.FeltSafe)), checkInsAfter.Select(c => (c.Week, c.WasLate, c.Answers.Note, c.Answers.WeekFelt, c.Answers.FeltSafe)));
        Assert.Equal(
            checkInsBefore.Select(c => c.Answers.CommitmentsKept.Select(id => planBefore.Commitments.Single(k => k.Id.ToString() == id).Title).ToList()).SelectMany(t => t),
            checkInsAfter.Select(c => c.Answers.CommitmentsKept.Select(id => planAfter.Commitments.Single(k => k.Id.ToString() == id).Title).ToList()).SelectMany(t => t));
        Assert.NotEmpty(checkInsAfter.SelectMany(c => c.Answers.CommitmentsKept));

        // The journal: every version exactly as it was, the same head, and the chain verifies under the new owner.
        var journalBefore = await new JournalExporter(source.Database.Contexts, TimeProvider.System).ExportAsync(alex.UserId, alex.Key, Cancel);
        var journalAfter = await new JournalExporter(target.Contexts, TimeProvider.System).ExportAsync(sam.UserId, sam.Key, Cancel);
        Assert.Equal(journalBefore.Versions.Select(Fields), journalAfter.Versions.Select(Fields));
        Assert.Equal(journalBefore.Fingerprint, journalAfter.Fingerprint);
        Assert.Equal(VersionChain.Fingerprint(await source.Database.Journal.GetHeadAsync(alex.UserId, Cancel)), VersionChain.Fingerprint(await target.Journal.GetHeadAsync(sam.UserId, Cancel)));
        var report = await target.Journal.VerifyAsync(sam.UserId, sam.Key, Cancel);
        Assert.Null(report.FirstBreak);
        Assert.Equal(7, report.VersionsChecked);

        // Entries read as they did: the kept one with all its versions, the erased one with hashes only.
        var listed = await target.Journal.AllAsync(sam.UserId, sam.Key, Cancel);
        var kept = Assert.Single(listed);
        Assert.Equal(JournalWords + ", third telling", kept.Content!.WhatHappened);
        var history = (await target.Journal.GetAsync(sam.UserId, sam.Key, kept.Id, Cancel))!;
        Assert.Equal(["remembered more"], history.Versions.Where(v => v.ChangeReason is not null).Select(v => v.ChangeReason));
        var original = (await source.Database.Journal.GetAsync(alex.UserId, alex.Key, kept.Id, Cancel))!;
        Assert.Equal(original.Versions.Select(v => v.WrittenAt), history.Versions.Select(v => v.WrittenAt));

        // "Imported on …": the entry is known as imported, and the new writes after it are not.
        var note = await Importer(target).NoteForEntryAsync(sam.UserId, kept.Id, Cancel);
        Assert.NotNull(note);
        Assert.Equal(7, note.JournalLength);
        var later = (await target.Journal.CreateAsync(sam.UserId, sam.Key, new EntryContent { WhatHappened = "Written after the import" }, Cancel)).EntryId!.Value;
        Assert.Null(await Importer(target).NoteForEntryAsync(sam.UserId, later, Cancel));
        Assert.Null((await target.Journal.VerifyAsync(sam.UserId, sam.Key, Cancel)).FirstBreak);

        // Encrypted at rest under the new account: none of the words are readable in the second database's files.
        await target.CheckpointAsync();
        Assert.All(target.ReadFiles(), f =>
        {
            Assert.False(f.Contains(Encoding.UTF8.GetBytes("Kept-words-sentinel-7Q2")), f.ToString());
            Assert.False(f.Contains(Encoding.UTF8.GetBytes(CheckInNote)), f.ToString());
        });
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_archive_has_the_readme_first_a_manifest_and_every_part_in_its_documented_format(DatabaseProvider provider)
    {
        await using var source = await CheckInFixture.CreateAsync(provider);
        using var alex = await source.Database.AddAccountAsync("carry.parts");
        await WriteEverythingAsync(source, alex);

        using var zip = new ZipArchive(new MemoryStream(await ArchiveAsync(source.Database, alex)), ZipArchiveMode.Read);

        Assert.Equal(["README.txt", "manifest.json", "assessments.json", "plan.json", "check-ins.json", "journal.json", "activity.json"], zip.Entries.Select(e => e.FullName));
        var readme = Read(zip, "README.txt");
        Assert.StartsWith("THIS FILE IS NOT ENCRYPTED.", readme, StringComparison.Ordinal);
        Assert.Contains("not therapy or an emergency service", readme, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(Read(zip, "manifest.json"))!;
        Assert.Equal(MyDataManifest.FormatName, manifest["format"]!.GetValue<string>());
        Assert.Equal(1, manifest["formatVersion"]!.GetValue<int>());
        Assert.Equal(["assessments.json", "plan.json", "check-ins.json", "journal.json", "activity.json"], manifest["parts"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        var plan = JsonNode.Parse(Read(zip, "plan.json"))!;
        Assert.Equal("Sunday", plan["plan"]!["settings"]!["checkInDay"]!.GetValue<string>());
        Assert.Contains(plan["commitments"]!.AsArray(), c => c!["status"]!.GetValue<string>() == "Paused");
        var checkIns = JsonNode.Parse(Read(zip, "check-ins.json"))!;
        Assert.Contains(checkIns["checkIns"]!.AsArray(), c => c!["answers"]!["note"]?.GetValue<string>() == CheckInNote);
        var assessments = JsonNode.Parse(Read(zip, "assessments.json"))!;
        Assert.Equal(AnswersFile.FormatName, assessments["assessments"]![0]!["answers"]!["format"]!.GetValue<string>());
        // journal.json is the evidence export's own file: the journal's reader and verifier take it as it is.
        var journal = JournalExportJson.Read(Encoding.UTF8.GetBytes(Read(zip, "journal.json")));
        Assert.True(ExportVerifier.Verify(journal.Export!).Verified);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_format_document_names_every_field_the_archive_writes(DatabaseProvider provider)
    {
        await using var source = await CheckInFixture.CreateAsync(provider);
        using var alex = await source.Database.AddAccountAsync("carry.documented");
        await WriteEverythingAsync(source, alex);
        using var zip = new ZipArchive(new MemoryStream(await ArchiveAsync(source.Database, alex)), ZipArchiveMode.Read);
        var doc = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "docs", "my-data-format.md"), Cancel);

        // The assessments' answers are the answers file (documented in answers-format.md), and a check-in's "versions"
        // is keyed by question id: their insides are not field names.
        var names = JsonParts
            .SelectMany(name => FieldNames(JsonNode.Parse(Read(zip, name))!, skipInside: name == "assessments.json" ? "answers" : "versions"))
            .Distinct()
            .ToList();

        Assert.Contains("checkIns", names);
        Assert.Contains("commitmentsKept", names);
        Assert.All(names, name => Assert.Contains($"`{name}`", doc, StringComparison.Ordinal));
        Assert.All(zip.Entries.Select(e => e.FullName), file => Assert.Contains($"`{file}`", doc, StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task An_account_that_already_has_data_is_refused_kindly_and_keeps_exactly_what_it_had(DatabaseProvider provider)
    {
        await using var source = await CheckInFixture.CreateAsync(provider);
        using var alex = await source.Database.AddAccountAsync("carry.full");
        await WriteEverythingAsync(source, alex);
        var archive = await ArchiveAsync(source.Database, alex);

        await using var target = await TestDatabase.CreateAsync(provider: provider);
        using var sam = await target.AddAccountAsync("carry.busy");
        await target.Journal.CreateAsync(sam.UserId, sam.Key, new EntryContent { WhatHappened = "My own first entry here" }, Cancel);
        var rowsBefore = await CountRowsAsync(target, sam.UserId);

        var outcome = await Importer(target).ImportAsync(sam.UserId, sam.Key, new MemoryStream(archive), Cancel);

        Assert.False(outcome.Imported);
        Assert.Contains("already has its own", outcome.ProblemMessage, StringComparison.Ordinal);
        Assert.Equal(rowsBefore, await CountRowsAsync(target, sam.UserId));
        Assert.Null(await Importer(target).NoteAsync(sam.UserId, Cancel));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Into_a_second_account_on_the_same_server_the_journal_already_there_is_refused_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var source = await CheckInFixture.CreateAsync(provider);
        using var alex = await source.Database.AddAccountAsync("carry.same");
        await WriteEverythingAsync(source, alex);
        var archive = await ArchiveAsync(source.Database, alex);
        using var again = await source.Database.AddAccountAsync("carry.same.again");

        var outcome = await Importer(source.Database).ImportAsync(again.UserId, again.Key, new MemoryStream(archive), Cancel);

        Assert.False(outcome.Imported);
        Assert.Contains("already on this server", outcome.ProblemMessage, StringComparison.Ordinal);
        Assert.Equal(0, await CountRowsAsync(source.Database, again.UserId));
    }

    public static TheoryData<string, string> BadArchives => new()
    {
        { "tampered-journal", "does not check out" },
        { "journal-head-replaced", "head fingerprint was replaced" },
        { "manifest-version", "format this server does not know (version 2)" },
        { "part-version", "plan.json uses a format this server does not know (version 7)" },
        { "journal-version", "format this page does not know" },
        { "broken-plan-json", "plan.json in this ZIP is broken" },
        { "missing-field", "check-ins.json looks like part of an export, but a field is missing" },
        { "no-manifest", "no manifest.json" },
        { "traversal", "point outside its own folder" },
        { "duplicate", "two files called" },
        { "bomb", "unpacks to more than" },
        { "too-large", "larger than any export" },
        { "not-a-zip", "is not a ZIP" },
        { "empty", "is empty" },
        { "damaged", "damaged or cut short" },
        { "unreadable-entry", "content this server cannot read" },
    };

    [Theory]
    [MemberData(nameof(BadArchives))]
    public async Task A_bad_archive_is_refused_with_a_clear_message_before_anything_is_written(string kind, string expected)
    {
        await using var source = await CheckInFixture.CreateAsync();
        using var alex = await source.Database.AddAccountAsync("carry.bad");
        await WriteEverythingAsync(source, alex);
        var good = await ArchiveAsync(source.Database, alex);

        await using var target = await TestDatabase.CreateAsync();
        using var sam = await target.AddAccountAsync("carry.bad.target");
        var outcome = await Importer(target).ImportAsync(sam.UserId, sam.Key, new MemoryStream(BadArchive(kind, good)), Cancel);

        Assert.False(outcome.Imported);
        Assert.Contains(expected, outcome.ProblemMessage, StringComparison.Ordinal);
        Assert.Equal(0, await CountRowsAsync(target, sam.UserId));
    }

    /// <summary>A good archive with one thing made wrong, as a tamperer or a broken download would.</summary>
    internal static byte[] BadArchive(string kind, byte[] good) => kind switch
    {
        "tampered-journal" => Rewrite(good, "journal.json", json =>
        {
            var node = JsonNode.Parse(json)!;
            var content = Convert.FromBase64String(node["versions"]![0]!["content"]!.GetValue<string>());
            content[12] ^= 0x01;
            node["versions"]![0]!["content"] = Convert.ToBase64String(content);
            return node.ToJsonString();
        }),
        "journal-head-replaced" => Rewrite(good, "journal.json", json =>
        {
            var node = JsonNode.Parse(json)!;
            node["head"]!["hash"] = new string('a', 64);
            return node.ToJsonString();
        }),
        "manifest-version" => Rewrite(good, "manifest.json", json => json.Replace("\"formatVersion\": 1,", "\"formatVersion\": 2,", StringComparison.Ordinal)),
        "part-version" => Rewrite(good, "plan.json", json => json.Replace("\"formatVersion\": 1", "\"formatVersion\": 7", StringComparison.Ordinal)),
        "journal-version" => Rewrite(good, "journal.json", json => System.Text.RegularExpressions.Regex.Replace(json, "\"formatVersion\": [0-9]+", "\"formatVersion\": 99")),
        "broken-plan-json" => Rewrite(good, "plan.json", json => json[..(json.Length / 2)]),
        "missing-field" => Rewrite(good, "check-ins.json", json =>
        {
            var node = JsonNode.Parse(json)!;
            node["checkIns"]![0]!.AsObject().Remove("week");
            return node.ToJsonString();
        }),
        "no-manifest" => Zip(Entries(good).Where(e => e.Name != "manifest.json")),
        "traversal" => Zip([.. Entries(good), ("../../outside.json", Encoding.UTF8.GetBytes("{}"))]),
        "duplicate" => Zip([.. Entries(good), ("plan.json", Encoding.UTF8.GetBytes("{}"))]),
        // Zeros compress about a thousandfold: a small upload that would unpack past the part limit.
        "bomb" => Zip([.. Entries(good).Where(e => e.Name != "assessments.json"), ("assessments.json", new byte[MyDataArchive.MaxPartBytes + 4096])]),
        "too-large" => [.. good, .. new byte[MyDataArchive.MaxUploadBytes]],
        "not-a-zip" => Encoding.UTF8.GetBytes("{\"formatVersion\": 1}"),
        "empty" => [],
        "damaged" => good[..(good.Length / 3)],
        "unreadable-entry" => ForgedJournal(good),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // Anyone can build a chain that holds (nothing in it is secret): one whose words are not an entry is still refused.
    private static byte[] ForgedJournal(byte[] good)
    {
        var salt = new byte[VersionChain.SaltSize];
        var content = Encoding.UTF8.GetBytes("not an entry at all");
        var digest = VersionChain.ContentDigest(salt, content);
        var entryId = Guid.NewGuid();
        var link = VersionChain.Append(null, Guid.NewGuid(), entryId, 1, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), VersionKind.Create, digest);
        var export = new JournalExport(DateTimeOffset.UnixEpoch, [new ExportedVersion(entryId, 1, VersionKind.Create, link.WrittenAt.ToUnixTimeMilliseconds(), link.PreviousHash, salt, content, digest, link.Hash)], new ChainHead(1, link.Hash));
        Assert.True(ExportVerifier.Verify(export).Verified);
        return Rewrite(good, "journal.json", _ => Encoding.UTF8.GetString(JournalExportJson.Write(export)));
    }

    private static async Task WriteEverythingAsync(CheckInFixture fixture, TestAccount account)
    {
        var db = fixture.Database;
        await db.Store.SaveCompletedAsync(account.UserId, account.Key, new AnswerSet().Set("reflection.notes", AnswerValue.FreeText("First look back")), Cancel);
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await db.Store.SaveCompletedAsync(account.UserId, account.Key, new AnswerSet().Set("reflection.notes", AnswerValue.FreeText("Second look back")), Cancel);
        await db.Store.SaveDraftAsync(account.UserId, account.Key, new AnswerSet().Set("reflection.notes", AnswerValue.FreeText("Still answering")), Cancel);

        var plan = await fixture.KeepPlanAsync(account);
        var own = await db.Plans.AddOwnAsync(account.UserId, account.Key, CommitmentKind.Boundary, "I leave the room when voices rise", Cancel);
        await db.Plans.SetStatusAsync(account.UserId, plan.Commitments[1].Id, CommitmentStatus.Paused, Cancel);
        var first = await db.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(kept: [plan.Commitments[0].Id.ToString()], note: CheckInNote), cancellationToken: Cancel);
        Assert.True(first.Saved);
        fixture.Time.Advance(TimeSpan.FromDays(7));
        var second = await db.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(weekFelt: 4, kept: [plan.Commitments[0].Id.ToString()]) with { BoundariesHeld = [own!.Value.ToString()] }, cancellationToken: Cancel);
        Assert.True(second.Saved, string.Join(" ", second.Problems.Select(p => p.Message)));

        var journal = db.Journal;
        var kept = (await journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = JournalWords + ", first telling" }, Cancel)).EntryId!.Value;
        var gone = (await journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "Words to erase" }, Cancel)).EntryId!.Value;
        await journal.EditAsync(account.UserId, account.Key, kept, new EntryContent { WhatHappened = JournalWords + ", second telling" }, "remembered more", Cancel);
        await journal.EditAsync(account.UserId, account.Key, gone, new EntryContent { WhatHappened = "Words to erase, again" }, null, Cancel);
        await journal.RemoveAsync(account.UserId, account.Key, gone, Cancel);
        await journal.EraseAsync(account.UserId, gone, Cancel);
        await journal.EditAsync(account.UserId, account.Key, kept, new EntryContent { WhatHappened = JournalWords + ", third telling" }, null, Cancel);

        var activity = new ActivityStore(db.Contexts);
        await activity.AddAsync(account.UserId, new ActivityEvent(ActivityKind.SignedIn, fixture.Time.GetUtcNow().UtcDateTime.AddHours(-2), "Firefox on Linux", "192.0.2.0/24"), Cancel);
        await activity.AddAsync(account.UserId, new ActivityEvent(ActivityKind.SignInFailed, fixture.Time.GetUtcNow().UtcDateTime.AddHours(-1), "Safari on iPhone", null), Cancel);
    }

    internal static async Task<byte[]> ArchiveAsync(TestDatabase database, TestAccount account)
    {
        var exporter = Exporter(database);
        var content = await exporter.ExportAsync(account.UserId, account.Key, Cancel);
        using var buffer = new MemoryStream();
        await MyDataJson.WriteArchiveAsync(buffer, content, exporter.StreamFilesAsync(account.UserId, account.Key, content, Cancel), cancellationToken: Cancel);
        return buffer.ToArray();
    }

    internal static MyDataExporter Exporter(TestDatabase database) =>
        new(database.Contexts, new JournalExporter(database.Contexts, TimeProvider.System), TimeProvider.System);

    internal static MyDataImporter Importer(TestDatabase database) => new(database.Contexts, TimeProvider.System);

    private static object Fields(ExportedVersion v) =>
        (v.EntryId, v.VersionNumber, v.Kind, v.WrittenAtUnixMs, Hex(v.PreviousHash), Hex(v.Salt), Hex(v.Content), Hex(v.ContentDigest), Hex(v.Hash));

    private static string Hex(byte[]? bytes) => bytes is null ? "-" : Convert.ToHexString(bytes);

    /// <summary>Every row of the person in every table that holds their data.</summary>
    internal static async Task<int> CountRowsAsync(TestDatabase database, string userId)
    {
        await using var db = await database.OpenAsync();
        return await db.SavedAssessments.CountAsync(r => r.UserId == userId, Cancel)
            + await db.SavedPlans.CountAsync(r => r.UserId == userId, Cancel)
            + await db.Commitments.CountAsync(r => r.UserId == userId, Cancel)
            + await db.CheckIns.CountAsync(r => r.UserId == userId, Cancel)
            + await db.JournalEntries.CountAsync(r => r.UserId == userId, Cancel)
            + await db.JournalVersions.CountAsync(r => r.UserId == userId, Cancel)
            + await db.JournalContents.CountAsync(r => r.UserId == userId, Cancel)
            + await db.JournalHeads.CountAsync(r => r.UserId == userId && r.Length > 0, Cancel)
            + await db.JournalAttachments.CountAsync(r => r.UserId == userId, Cancel)
            + await db.Activity.CountAsync(r => r.UserId == userId, Cancel)
            + await db.DataImports.CountAsync(r => r.UserId == userId, Cancel);
    }

    private static IEnumerable<string> FieldNames(JsonNode node, string? skipInside) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == skipInside || p.Value is null ? [p.Key] : FieldNames(p.Value, skipInside).Prepend(p.Key)),
        JsonArray a => a.Where(i => i is not null).SelectMany(i => FieldNames(i!, skipInside)),
        _ => [],
    };

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "docs", "my-data-format.md")))
                {
                    return dir.FullName;
                }
            }
            throw new FileNotFoundException("docs/my-data-format.md was not found above the test's folder.");
        }
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    internal static List<(string Name, byte[] Bytes)> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return [.. archive.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        })];
    }

    internal static byte[] Rewrite(byte[] zip, string name, Func<string, string> change) =>
        Zip(Entries(zip).Select(e => e.Name == name ? (e.Name, Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(e.Bytes)))) : e));

    internal static byte[] Zip(IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }
}
