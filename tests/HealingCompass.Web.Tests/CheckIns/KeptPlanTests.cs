using System.Security.Claims;
using Bunit;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Components.Plans;
using HealingCompass.Web.Components.Results;
using HealingCompass.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.CheckIns;

/// <summary>Keeping the plan from the plan page, and a new danger result re-checking the kept plan's gates, on a real migrated SQLite file.</summary>
public sealed class KeptPlanTests : ComponentTestBase
{
    private const string SessionId = "kept-plan-session";
    private readonly DataKey key = DataKey.Create();
    private string userId = "";

    private static readonly string[] RepairAndHealing = [TrackIds.PersonalHealing, TrackIds.RelationalRepair];

    [Fact]
    public void Someone_not_signed_in_gets_one_closed_kind_line_and_no_keep_button()
    {
        Session.Load(Answers.Calm());
        var page = Render<PlanPage>();

        var note = page.Find("details.hc-keep-plan");
        Assert.False(note.HasAttribute("open"));
        Assert.Contains("Everything on this page works without one too.", note.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-keep-plan]"));
    }

    [Fact]
    public async Task A_new_danger_result_pauses_the_commitments_done_together_and_says_why_repair_is_no_longer_suggested()
    {
        await SignInAsync();
        Session.Load(Answers.Calm());
        Session.ChooseTracks(RepairAndHealing);
        var plan = Render<PlanPage>();
        await plan.Find("[data-keep-plan]").ClickAsync(new());
        plan.WaitForAssertion(() => Assert.Contains("Your plan is kept.", plan.Markup, StringComparison.Ordinal));
        var kept = (await Plans.LoadAsync(userId, key, Xunit.TestContext.Current.CancellationToken))!;
        var together = kept.Commitments.Where(c => IsHeldBackWhileAbuse(c.StepId)).ToList();
        Assert.NotEmpty(together);
        Assert.All(kept.Commitments, c => Assert.Equal(CommitmentStatus.Active, c.Status));

        Session.Load(Answers.Danger());
        Session.ChooseTracks(RepairAndHealing);
        var results = Render<ResultsPage>();
        results.WaitForAssertion(() => results.Find("[data-keep-result]"));
        await results.Find("[data-keep-result]").ClickAsync(new());

        results.WaitForAssertion(() => Assert.Contains("does not suggest working on the relationship together", results.Find("[data-recheck-why]").TextContent, StringComparison.Ordinal));
        var after = (await Plans.LoadAsync(userId, key, Xunit.TestContext.Current.CancellationToken))!;
        Assert.All(after.Commitments, c => Assert.Equal(IsHeldBackWhileAbuse(c.StepId) ? CommitmentStatus.Paused : CommitmentStatus.Active, c.Status));
        // The earlier result is beside the new one, and both are in the history.
        Assert.NotNull(results.Find("[data-comparison]"));
        Assert.Equal(2, (await Services.GetRequiredService<Data.Assessments.SavedAssessmentStore>().LoadHistoryAsync(userId, key, Xunit.TestContext.Current.CancellationToken)).Count);
    }

    private static bool IsHeldBackWhileAbuse(string? stepId) =>
        stepId is not null && ContentCatalog.Default.TryGetStep(stepId, out var s) && (s.Joint || s.HeldBackWhileAbuse);

    private PlanStore Plans => Services.GetRequiredService<PlanStore>();

    private async Task SignInAsync()
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        await db.Database.MigrateAsync(Xunit.TestContext.Current.CancellationToken);
        var user = new ApplicationUser { UserName = "robin", NormalizedUserName = "ROBIN", SecurityStamp = "r" };
        db.Users.Add(user);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        userId = user.Id;
        Authorization.SetAuthorized("robin");
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId), new Claim(SessionClaims.SessionId, SessionId));
        Services.GetRequiredService<UnlockedKeys>().Put(SessionId, userId, key.Copy());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            key.Dispose();
            SqliteConnection.ClearAllPools();
            File.Delete(DatabasePath);
        }
    }
}
