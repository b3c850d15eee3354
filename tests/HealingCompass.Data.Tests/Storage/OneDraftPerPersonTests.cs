using HealingCompass.Data.Assessments;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Assessment;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Tests.Storage;

/// <summary>
/// One draft per person, enforced by the database. A file that already holds two drafts for one person
/// (which crashed "resume" with "Sequence contains more than one element") is repaired by the
/// OneDraftPerPerson migration: the most recently updated draft is kept, the others are deleted.
/// </summary>
public sealed class OneDraftPerPersonTests
{
    private const string Migration = "OneDraftPerPerson";

    [Fact]
    public async Task An_existing_database_with_two_drafts_for_one_person_keeps_the_newest_and_resumes_without_a_crash()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var alex = await database.AddAccountAsync("two.drafts");
        using var sam = await database.AddAccountAsync("one.draft");
        await database.Store.SaveDraftAsync(alex.UserId, alex.Key, Note("The older draft."), TestContext.Current.CancellationToken);
        await database.Store.SaveDraftAsync(sam.UserId, sam.Key, Note("Sam's only draft."), TestContext.Current.CancellationToken);
        var older = await database.ReadDraftRowAsync(alex.UserId);

        // The database as it was before this migration: no unique index, and a second draft row for Alex.
        var newerId = await AddSecondDraftAsBeforeTheMigrationAsync(database, alex, older.UpdatedUtc.AddMinutes(5));
        await using (var before = await database.OpenAsync())
        {
            Assert.Equal(2, await before.SavedAssessments.CountAsync(a => a.UserId == alex.UserId && a.IsDraft, TestContext.Current.CancellationToken));
        }

        await database.MigrateAsync();

        await using var db = await database.OpenAsync();
        var kept = Assert.Single(await db.SavedAssessments.Where(a => a.UserId == alex.UserId).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(newerId, kept.Id);
        Assert.Equal("The newer draft.", (await database.Store.LoadDraftAsync(alex.UserId, alex.Key, TestContext.Current.CancellationToken))?["reflection.notes"]?.Text);
        Assert.Equal("Sam's only draft.", (await database.Store.LoadDraftAsync(sam.UserId, sam.Key, TestContext.Current.CancellationToken))?["reflection.notes"]?.Text);
        Assert.Contains(Migration, (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Last(m => m.Contains(Migration, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_second_draft_for_the_same_person_is_refused_by_the_database(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var alex = await database.AddAccountAsync("only.one");
        await database.Store.SaveDraftAsync(alex.UserId, alex.Key, Note("The draft."), TestContext.Current.CancellationToken);

        await using var db = await database.OpenAsync();
        db.SavedAssessments.Add(new SavedAssessment { Id = Guid.NewGuid(), UserId = alex.UserId, IsDraft = true, Payload = [1] });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        // Saved assessments that are not drafts are not limited.
        db.ChangeTracker.Clear();
        db.SavedAssessments.Add(new SavedAssessment { Id = Guid.NewGuid(), UserId = alex.UserId, IsDraft = false, Payload = [1] });
        db.SavedAssessments.Add(new SavedAssessment { Id = Guid.NewGuid(), UserId = alex.UserId, IsDraft = false, Payload = [2] });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Drops the index and forgets the migration, then writes a second, newer draft row by hand, as someone
    /// editing the file could have done before the migration existed. Raw SQL, so no model rule stops it.
    /// </summary>
    private static async Task<Guid> AddSecondDraftAsBeforeTheMigrationAsync(TestDatabase database, TestAccount account, DateTime updatedUtc)
    {
        await using var db = await database.OpenAsync();
        await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_SavedAssessments_OneDraftPerPerson\";", TestContext.Current.CancellationToken);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_{Migration}';", TestContext.Current.CancellationToken);
        // The store saves a new draft row (encrypted for its own id) once the old one is set aside; then both are drafts.
        await db.SavedAssessments.Where(a => a.UserId == account.UserId).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDraft, false), TestContext.Current.CancellationToken);
        await database.Store.SaveDraftAsync(account.UserId, account.Key, Note("The newer draft."), TestContext.Current.CancellationToken);
        var newer = await database.ReadDraftRowAsync(account.UserId);
        await db.SavedAssessments.Where(a => a.Id == newer.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedUtc, updatedUtc), TestContext.Current.CancellationToken);
        await db.SavedAssessments.Where(a => a.UserId == account.UserId && !a.IsDraft).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDraft, true), TestContext.Current.CancellationToken);
        return newer.Id;
    }

    private static AnswerSet Note(string text) => new AnswerSet().Set("reflection.notes", AnswerValue.FreeText(text));
}
