using System.Security.Claims;
using Bunit;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.Encryption;
using HealingCompass.Domain.Assessment;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Components.Assessment;
using HealingCompass.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Assessment;

/// <summary>
/// Sam's draft row holds a blob copied from Alex's row (someone edited the database file), so Sam's key
/// cannot open it. The walk-through, on a real migrated SQLite file, says so kindly and never overwrites
/// it unless Sam chooses to; Alex's row is never touched.
/// </summary>
public sealed class UnreadableDraftTests : ComponentTestBase
{
    private const string CouldNotOpen = "An assessment saved in your account couldn't be opened";
    private const string SessionId = "sam-session";

    private readonly SavedAssessmentStore store;
    private readonly DataKey alexKey = DataKey.Create();
    private readonly DataKey samKey = DataKey.Create();
    private string alexId = "";
    private string samId = "";

    public UnreadableDraftTests()
    {
        store = Services.GetRequiredService<SavedAssessmentStore>();
    }

    [Fact]
    public async Task A_moved_draft_is_named_kindly_and_stays_as_it_was_while_the_person_answers()
    {
        var (alexRow, samRow) = await MoveAlexsDraftIntoSamsRowAsync();

        var page = Render<WalkThroughPage>();
        page.WaitForAssertion(() => Assert.Contains(CouldNotOpen, Markup.Squash(page.Find(".hc-savebar").TextContent), StringComparison.Ordinal));
        Assert.Contains("nothing has been overwritten", page.Find(".hc-savebar").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Save this assessment to my account", page.Markup, StringComparison.Ordinal);

        // Answering goes on as normal, and saves nothing.
        await page.InvokeAsync(() => Session.SetAnswer("reflection.notes", AnswerValue.FreeText("Typed after the message.")));
        var keeper = Services.GetRequiredService<Web.Assessment.DraftKeeper>();
        await page.InvokeAsync(keeper.StartSavingAsync); // even the save button's own action refuses to overwrite

        Assert.Equal(samRow, await PayloadAsync(samId));
        Assert.Equal(alexRow, await PayloadAsync(alexId));
        Assert.False(keeper.IsSaving);
    }

    [Fact]
    public async Task Choosing_to_save_in_its_place_replaces_only_that_draft_and_saving_carries_on()
    {
        var (alexRow, samRow) = await MoveAlexsDraftIntoSamsRowAsync();
        var page = Render<WalkThroughPage>();
        page.WaitForAssertion(() => Assert.Contains(CouldNotOpen, page.Markup, StringComparison.Ordinal));
        await page.InvokeAsync(() => Session.SetAnswer("reflection.notes", AnswerValue.FreeText("Sam's own words.")));

        await page.Find("button:contains('Save this one in its place')").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Saved to your account as you go", page.Markup, StringComparison.Ordinal));
        Assert.NotEqual(samRow, await PayloadAsync(samId));
        Assert.Equal("Sam's own words.", (await store.LoadDraftAsync(samId, samKey, Xunit.TestContext.Current.CancellationToken))?["reflection.notes"]?.Text);
        Assert.Equal(alexRow, await PayloadAsync(alexId));
    }

    [Fact]
    public async Task Choosing_to_delete_it_removes_only_that_draft_and_offers_saving_again()
    {
        var (alexRow, _) = await MoveAlexsDraftIntoSamsRowAsync();
        var page = Render<WalkThroughPage>();
        page.WaitForAssertion(() => Assert.Contains(CouldNotOpen, page.Markup, StringComparison.Ordinal));

        await page.Find("button:contains('Delete the one that couldn')").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Save this assessment to my account", page.Markup, StringComparison.Ordinal));
        Assert.Null(await PayloadAsync(samId));
        Assert.Equal(alexRow, await PayloadAsync(alexId));
    }

    /// <summary>Two accounts with a draft each; then Alex's ciphertext is written into Sam's row. Sam is signed in and unlocked.</summary>
    private async Task<(byte[] AlexRow, byte[] SamRow)> MoveAlexsDraftIntoSamsRowAsync()
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            await db.Database.MigrateAsync(Xunit.TestContext.Current.CancellationToken);
            var alex = new ApplicationUser { UserName = "alex", NormalizedUserName = "ALEX", SecurityStamp = "a" };
            var sam = new ApplicationUser { UserName = "sam", NormalizedUserName = "SAM", SecurityStamp = "s" };
            db.Users.AddRange(alex, sam);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
            (alexId, samId) = (alex.Id, sam.Id);
        }
        await store.SaveDraftAsync(alexId, alexKey, Note("Alex's private note."), Xunit.TestContext.Current.CancellationToken);
        await store.SaveDraftAsync(samId, samKey, Note("Sam's earlier note."), Xunit.TestContext.Current.CancellationToken);
        var alexRow = (await PayloadAsync(alexId))!;
        await using (var db = await contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
        {
            await db.SavedAssessments.Where(a => a.UserId == samId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Payload, alexRow.ToArray()), Xunit.TestContext.Current.CancellationToken);
        }

        Authorization.SetAuthorized("sam");
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, samId), new Claim(SessionClaims.SessionId, SessionId));
        Services.GetRequiredService<UnlockedKeys>().Put(SessionId, samId, samKey.Copy());
        return (alexRow, (await PayloadAsync(samId))!);
    }

    private static AnswerSet Note(string text) => new AnswerSet().Set("reflection.notes", AnswerValue.FreeText(text));

    private async Task<byte[]?> PayloadAsync(string userId)
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        return (await db.SavedAssessments.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId && a.IsDraft, Xunit.TestContext.Current.CancellationToken))?.Payload;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            alexKey.Dispose();
            samKey.Dispose();
            SqliteConnection.ClearAllPools();
            File.Delete(DatabasePath);
        }
    }
}
