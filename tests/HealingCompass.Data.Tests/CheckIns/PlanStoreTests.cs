using HealingCompass.Data.Tests.Support;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;

namespace HealingCompass.Data.Tests.CheckIns;

public sealed class PlanStoreTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_plan_kept_against_older_content_still_opens_and_the_new_wording_is_offered_not_applied(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var account = await f.Database.AddAccountAsync("older.content");
        var current = CheckInFixture.FromStep("step.personal.reconnect");
        var old = current with { Text = "An older way of saying it" };
        await f.Database.Plans.SaveAsync(account.UserId, account.Key,
            new PlanSettings("1.0.0", [TrackIds.PersonalHealing], DayOfWeek.Sunday, "UTC", new DateOnly(2026, 1, 4), null), [old], Cancel);

        var plan = await f.Database.Plans.LoadAsync(account.UserId, account.Key, Cancel);
        Assert.NotNull(plan);
        Assert.Equal("1.0.0", plan.Settings.ContentVersion);
        var kept = Assert.Single(plan.Commitments);
        Assert.Equal("An older way of saying it", kept.Text); // never changed for the person

        var offer = Assert.Single(PlanCommitments.WordingOffers(plan.Commitments, ContentCatalog.Default));
        Assert.Equal(current.Text, offer.NewText);
        Assert.True(await f.Database.Plans.TakeWordingAsync(account.UserId, account.Key, offer, Cancel));

        var updated = Assert.Single((await f.Database.Plans.LoadAsync(account.UserId, account.Key, Cancel))!.Commitments);
        Assert.Equal(current.Text, updated.Text);
        Assert.Equal(ContentCatalog.Default.ContentVersion, updated.ContentVersion);
        Assert.Empty(PlanCommitments.WordingOffers([updated], ContentCatalog.Default));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Re_choosing_tracks_pauses_what_left_the_plan_brings_it_back_when_chosen_again_and_keeps_own_commitments(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var account = await f.Database.AddAccountAsync("changes.paths");
        var first = await f.KeepPlanAsync(account);
        var own = await f.Database.Plans.AddOwnAsync(account.UserId, account.Key, CommitmentKind.Practice, "Ten minutes outside", Cancel);

        var narrower = await f.KeepPlanAsync(account, commitments: [CheckInFixture.FromStep("step.personal.reconnect")]);
        Assert.Equal(3, narrower.Commitments.Count);
        Assert.Equal(CommitmentStatus.Paused, narrower.Commitments.Single(c => c.StepId == "step.personal.soothing_ritual").Status);
        Assert.Equal(CommitmentStatus.Active, narrower.Commitments.Single(c => c.Id == own).Status);
        Assert.Equal(first.Settings.KeptSince, narrower.Settings.KeptSince);

        var again = await f.KeepPlanAsync(account);
        Assert.All(again.Commitments, c => Assert.Equal(CommitmentStatus.Active, c.Status));
        Assert.Equal(first.Commitments.Select(c => c.Id).Order(), again.Commitments.Where(c => c.Source == CommitmentSource.PlanStep).Select(c => c.Id).Order());
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_commitment_can_be_paused_dropped_and_brought_back_by_its_owner(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var account = await f.Database.AddAccountAsync("pauses.things");
        var plan = await f.KeepPlanAsync(account);
        var id = plan.Commitments[0].Id;

        Assert.True(await f.Database.Plans.SetStatusAsync(account.UserId, id, CommitmentStatus.Paused, Cancel));
        Assert.Single((await f.Database.Plans.LoadAsync(account.UserId, account.Key, Cancel))!.Active);
        Assert.True(await f.Database.Plans.SetStatusAsync(account.UserId, id, CommitmentStatus.Dropped, Cancel));
        Assert.True(await f.Database.Plans.SetStatusAsync(account.UserId, id, CommitmentStatus.Active, Cancel));
        Assert.Equal(2, (await f.Database.Plans.LoadAsync(account.UserId, account.Key, Cancel))!.Active.Count());
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_new_danger_result_pauses_the_commitments_from_held_back_steps(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var account = await f.Database.AddAccountAsync("recheck.gates");
        await f.KeepPlanAsync(account, commitments: [CheckInFixture.FromStep("step.personal.reconnect"), CheckInFixture.FromStep("tool.i_statements")]);

        Assert.Equal(1, await f.Database.Plans.PauseStepsAsync(account.UserId, account.Key, ["tool.i_statements"], Cancel));

        var plan = (await f.Database.Plans.LoadAsync(account.UserId, account.Key, Cancel))!;
        Assert.Equal(CommitmentStatus.Paused, plan.Commitments.Single(c => c.StepId == "tool.i_statements").Status);
        Assert.Equal(CommitmentStatus.Active, plan.Commitments.Single(c => c.StepId == "step.personal.reconnect").Status);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Completed_assessments_are_kept_as_a_history_beside_the_draft_which_stays_as_it_is(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var account = await f.Database.AddAccountAsync("retakes");
        var draft = new Domain.Assessment.AnswerSet().Set("reflection.seen_respected", 2);
        await f.Database.Store.SaveDraftAsync(account.UserId, account.Key, draft, Cancel);
        var first = new Domain.Assessment.AnswerSet().Set("reflection.seen_respected", 1);
        await f.Database.Store.SaveCompletedAsync(account.UserId, account.Key, first, Cancel);
        f.Time.Advance(TimeSpan.FromDays(31));
        await f.Database.Store.SaveCompletedAsync(account.UserId, account.Key, new Domain.Assessment.AnswerSet().Set("reflection.seen_respected", 0), Cancel);

        var history = await f.Database.Store.LoadHistoryAsync(account.UserId, account.Key, Cancel);
        Assert.Equal([1, 0], history.Select(h => h.Answers["reflection.seen_respected"]!.Value.Number));
        Assert.True(history[1].CompletedUtc - history[0].CompletedUtc == TimeSpan.FromDays(31));
        Assert.Equal(2, (await f.Database.Store.LoadDraftAsync(account.UserId, account.Key, Cancel))!["reflection.seen_respected"]!.Value.Number);
    }
}
