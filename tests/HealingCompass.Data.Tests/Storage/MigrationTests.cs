using HealingCompass.Data.Assessments;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Assessment;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Tests.Storage;

/// <summary>The real migrations on a real, empty SQLite file, and the foreign keys they create.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task A_fresh_file_migrates_to_the_latest_migration_with_no_model_changes_left_over()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using (var before = await database.OpenAsync())
        {
            Assert.NotEmpty(before.Database.GetMigrations());
            Assert.Equal(before.Database.GetMigrations(), await before.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        }

        await database.MigrateAsync();

        await using var db = await database.OpenAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: run `dotnet ef migrations add`.");
        Assert.True(File.Exists(database.FilePath));
    }

    [Fact]
    public async Task Migrating_again_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var account = await database.AddAccountAsync("stays.put");

        await database.MigrateAsync();

        await using var db = await database.OpenAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.Users.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Deleting_an_account_deletes_its_keyring_and_saved_assessments_in_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var leaving = await database.AddAccountAsync("leaving");
        using var staying = await database.AddAccountAsync("staying");
        var answers = new AnswerSet().Set("reflection.notes", AnswerValue.FreeText("Soon gone."));
        await database.Store.SaveDraftAsync(leaving.UserId, leaving.Key, answers, TestContext.Current.CancellationToken);
        await database.Store.SaveDraftAsync(staying.UserId, staying.Key, answers, TestContext.Current.CancellationToken);

        // A plain DELETE in the database (nothing tracked by EF), so only the foreign keys can cascade it.
        await using (var db = await database.OpenAsync())
        {
            var deleted = await db.Users.Where(u => u.Id == leaving.UserId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
            Assert.Equal(1, deleted);
        }

        await using var after = await database.OpenAsync();
        Assert.False(await after.Keyrings.AnyAsync(k => k.UserId == leaving.UserId, TestContext.Current.CancellationToken));
        Assert.False(await after.SavedAssessments.AnyAsync(a => a.UserId == leaving.UserId, TestContext.Current.CancellationToken));
        Assert.True(await after.Keyrings.AnyAsync(k => k.UserId == staying.UserId, TestContext.Current.CancellationToken));
        Assert.True(await after.SavedAssessments.AnyAsync(a => a.UserId == staying.UserId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_saved_assessment_for_an_account_that_does_not_exist_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.OpenAsync();
        db.SavedAssessments.Add(new SavedAssessment { Id = Guid.NewGuid(), UserId = "no-such-user", IsDraft = true, Payload = [1] });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }
}
