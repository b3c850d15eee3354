using System.Reflection;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Tests.CheckIns;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Plans;

namespace HealingCompass.Data.Tests.Storage;

/// <summary>
/// Every public method of the data layer that takes a person's id and a record id, found by reflection, called
/// with person B's id and person A's record id on a real SQLite file: B gets nothing back, and nothing of A's
/// changes (a digest of every row of A's, in every table, is the same afterwards). A method this table does not
/// know fails the test by its name, so a new one cannot arrive unchecked.
/// </summary>
public sealed class StoreOwnershipMatrixTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>What A has, and the two people.</summary>
    private sealed record Setup(TestDatabase Database, TestAccount A, TestAccount B, Guid EntryId, Guid FileId, Guid CheckInId, Guid CommitmentId, string Sentinel);

    /// <summary>How to call each method as B with A's ids, and what "nothing" looks like for it.</summary>
    private static readonly IReadOnlyDictionary<string, Func<Setup, Task>> Calls = new Dictionary<string, Func<Setup, Task>>(StringComparer.Ordinal)
    {
        ["JournalStore.EditAsync"] = async s =>
            Assert.Equal(JournalWriteStatus.NotFound, (await s.Database.Journal.EditAsync(s.B.UserId, s.B.Key, s.EntryId, new EntryContent { WhatHappened = "B's words" }, "because", Cancel)).Status),
        ["JournalStore.RemoveAsync"] = async s => Assert.False(await s.Database.Journal.RemoveAsync(s.B.UserId, s.B.Key, s.EntryId, Cancel)),
        ["JournalStore.EraseAsync"] = async s => Assert.False(await s.Database.Journal.EraseAsync(s.B.UserId, s.EntryId, Cancel)),
        ["JournalStore.GetAsync"] = async s => Assert.Null(await s.Database.Journal.GetAsync(s.B.UserId, s.B.Key, s.EntryId, Cancel)),
        // B's own draft may name any id; it opens nothing of A's, and editing from it finds nothing (EditAsync above).
        ["JournalStore.SaveDraftAsync"] = async s =>
        {
            await s.Database.Journal.SaveDraftAsync(s.B.UserId, s.B.Key, new EntryContent { WhatHappened = "B's draft" }, s.EntryId, Cancel);
            var draft = await s.Database.Journal.LoadDraftAsync(s.B.UserId, s.B.Key, Cancel);
            Assert.DoesNotContain(s.Sentinel, System.Text.Json.JsonSerializer.Serialize(draft), StringComparison.Ordinal);
        },
        ["JournalAttachmentStore.AddAsync"] = async s =>
            Assert.Equal(JournalWriteStatus.NotFound, (await s.Database.Attachments.AddAsync(s.B.UserId, s.B.Key, s.EntryId, "b.png", new MemoryStream(TestFiles.Png()), Cancel)).Status),
        ["JournalAttachmentStore.TakeOutAsync"] = async s =>
            Assert.Equal(JournalWriteStatus.NotFound, await s.Database.Attachments.TakeOutAsync(s.B.UserId, s.B.Key, s.EntryId, s.FileId, Cancel)),
        ["JournalAttachmentStore.OpenAsync"] = async s => Assert.Null(await s.Database.Attachments.OpenAsync(s.B.UserId, s.B.Key, s.FileId, Cancel)),
        ["JournalAttachmentStore.OpenWithoutMetadataAsync"] = async s => Assert.Null(await s.Database.Attachments.OpenWithoutMetadataAsync(s.B.UserId, s.B.Key, s.FileId, Cancel)),
        ["JournalAttachmentStore.ExistsAsync"] = async s => Assert.False(await s.Database.Attachments.ExistsAsync(s.B.UserId, s.FileId, Cancel)),
        // The plan here is one the caller has already read, not an id to look up: whatever plan B passes, the
        // check-in is B's own row under B's key, and A's rows stay as they were (the digest below).
        ["CheckInStore.SubmitAsync"] = async s =>
        {
            var aPlan = await s.Database.Plans.LoadAsync(s.A.UserId, s.A.Key, Cancel);
            await s.Database.CheckIns.SubmitAsync(s.B.UserId, s.B.Key, aPlan!, CheckInFixture.Answers(), cancellationToken: Cancel);
            Assert.Null(await s.Database.CheckIns.LoadAsync(s.B.UserId, s.B.Key, s.CheckInId, Cancel));
        },
        ["CheckInStore.LoadAsync"] = async s => Assert.Null(await s.Database.CheckIns.LoadAsync(s.B.UserId, s.B.Key, s.CheckInId, Cancel)),
        ["PlanStore.SetStatusAsync"] = async s => Assert.False(await s.Database.Plans.SetStatusAsync(s.B.UserId, s.CommitmentId, CommitmentStatus.Dropped, Cancel)),
        ["PlanStore.TakeWordingAsync"] = async s =>
            Assert.False(await s.Database.Plans.TakeWordingAsync(s.B.UserId, s.B.Key, new WordingOffer(s.CommitmentId, "", "B's title", "B's text", "b"), Cancel)),
        ["MyDataImporter.NoteForEntryAsync"] = async s => Assert.Null(await s.Database.Imports.NoteForEntryAsync(s.B.UserId, s.EntryId, Cancel)),
    };

    /// <summary>Public methods of the data layer with a <c>userId</c> and a record id (a Guid, or a parameter that carries one).</summary>
    private static IEnumerable<string> MethodsTakingARecordId() =>
        typeof(DependencyInjection).Assembly.GetExportedTypes()
            .Where(t => t.IsClass)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetParameters() is var p
                && p.Any(x => x.ParameterType == typeof(string) && x.Name == "userId")
                && p.Any(x => CarriesAnId(x.ParameterType)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static bool CarriesAnId(Type type) =>
        type == typeof(Guid) || type == typeof(Guid?)
        || (type.Namespace?.StartsWith("HealingCompass", StringComparison.Ordinal) == true
            && type.GetProperties().Any(p => p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?)));

    [Fact]
    public void Every_data_method_that_takes_a_record_id_is_in_the_table()
    {
        var found = MethodsTakingARecordId().ToList();
        var unknown = found.Where(m => !Calls.ContainsKey(m)).ToList();
        Assert.True(unknown.Count == 0, "Data methods taking a record id that the ownership matrix does not call (add each to StoreOwnershipMatrixTests.Calls): " + string.Join(", ", unknown));
        var gone = Calls.Keys.Where(k => !found.Contains(k)).ToList();
        Assert.True(gone.Count == 0, "Methods in the table that no longer take a record id: " + string.Join(", ", gone));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Another_persons_id_with_your_record_ids_gets_nothing_back_and_changes_nothing_in_any_method(DatabaseProvider provider)
    {
        await using var fixture = await CheckInFixture.CreateAsync(provider);
        var database = fixture.Database;
        using var a = await database.AddAccountAsync("matrix.a");
        using var b = await database.AddAccountAsync("matrix.b");
        var sentinel = $"OWNED-{Guid.NewGuid():N}";
        var entryId = (await database.Journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = sentinel, HowItFelt = sentinel }, Cancel)).EntryId!.Value;
        var file = await database.Attachments.AddAsync(a.UserId, a.Key, entryId, "a.png", new MemoryStream(TestFiles.Png()), Cancel);
        var plan = await fixture.KeepPlanAsync(a);
        var checkIn = await database.CheckIns.SubmitAsync(a.UserId, a.Key, CheckInFixture.Answers(note: sentinel), cancellationToken: Cancel);
        Assert.True(checkIn.Saved);
        var checkInId = (await database.CheckIns.LoadAllAsync(a.UserId, a.Key, Cancel)).Single().Id;
        var setup = new Setup(database, a, b, entryId, file.Attachment!.Id, checkInId, plan.Commitments[0].Id, sentinel);
        var before = await DigestAsync(database, a.UserId);

        foreach (var name in MethodsTakingARecordId())
        {
            await Calls[name](setup);
        }

        Assert.Equal(before, await DigestAsync(database, a.UserId));
        Assert.Equal(sentinel, (await database.Journal.GetAsync(a.UserId, a.Key, entryId, Cancel))!.Latest!.Content!.WhatHappened);
        Assert.NotNull(await database.Attachments.OpenAsync(a.UserId, a.Key, setup.FileId, Cancel));
        Assert.Equal(sentinel, (await database.CheckIns.LoadAsync(a.UserId, a.Key, checkInId, Cancel))!.Answers.Note);
        Assert.Equal(CommitmentStatus.Active, (await database.Plans.LoadAsync(a.UserId, a.Key, Cancel))!.Commitments[0].Status);

        // The digest does see a change of A's: A dropping their own commitment moves it.
        Assert.True(await database.Plans.SetStatusAsync(a.UserId, setup.CommitmentId, CommitmentStatus.Dropped, Cancel));
        Assert.NotEqual(before, await DigestAsync(database, a.UserId));
    }

    private static async Task<string> DigestAsync(TestDatabase database, string userId)
    {
        await using var connection = database.NewConnection();
        return await DatabaseDigest.OfPersonAsync(connection, database.PostgresDatabase is not null, userId);
    }
}
