using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Tests.CheckIns;

public sealed class CheckInStoreTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_sentinel_in_a_note_a_kept_commitment_or_what_did_them_good_never_reaches_the_database_wal_or_shm_files(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var account = await f.Database.AddAccountAsync("keeps.a.plan");
        var sentinel = Sentinels.New();
        await f.KeepPlanAsync(account, zone: "Europe/London");
        var own = await f.Database.Plans.AddOwnAsync(account.UserId, account.Key, CommitmentKind.Boundary, $"No calls after nine {sentinel}", Cancel);
        var result = await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key,
            CheckInFixture.Answers(note: $"Only for me: {sentinel}") with { Nourished = $"A walk {sentinel}", BoundariesHeld = [own!.Value.ToString()] }, cancellationToken: Cancel);
        Assert.True(result.Saved);
        var needles = Sentinels.Needles(sentinel);
        needles["a zone name"] = System.Text.Encoding.UTF8.GetBytes("Europe/London");
        needles["a step id"] = System.Text.Encoding.UTF8.GetBytes("step.personal.reconnect");

        await using (var open = f.Database.NewConnection())
        {
            await open.OpenAsync(Cancel);
            Sentinels.AssertFoundNowhere(f.Database.ReadFiles(), needles, "with a connection open");
        }
        await f.Database.CheckpointAsync();
        Sentinels.AssertFoundNowhere(f.Database.ReadFiles(), needles, "after a checkpoint");
        f.Database.CloseConnections();
        Sentinels.AssertFoundNowhere(f.Database.ReadFiles(), needles, "after closing every connection");

        // The encryption is real: the owner's key brings every word back.
        var stored = Assert.Single(await f.Database.CheckIns.LoadAllAsync(account.UserId, account.Key, Cancel));
        Assert.Contains(sentinel, stored.Answers.Note, StringComparison.Ordinal);
        Assert.Contains(sentinel, stored.Answers.Nourished, StringComparison.Ordinal);
        var plan = await f.Database.Plans.LoadAsync(account.UserId, account.Key, Cancel);
        Assert.Equal("Europe/London", plan!.Settings.TimeZoneId);
        Assert.Contains(plan.Commitments, c => c.Text.Contains(sentinel, StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_second_check_in_the_same_week_edits_the_first_and_says_so(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var account = await f.Database.AddAccountAsync("checks.twice");
        await f.KeepPlanAsync(account);

        var first = await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(weekFelt: 2), cancellationToken: Cancel);
        f.Time.Advance(TimeSpan.FromHours(3));
        var second = await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(weekFelt: 4), cancellationToken: Cancel);

        Assert.False(first.EditedExisting);
        Assert.True(second.EditedExisting);
        Assert.Equal(first.Week, second.Week);
        var only = Assert.Single(await f.Database.CheckIns.LoadAllAsync(account.UserId, account.Key, Cancel));
        Assert.Equal(4, only.Answers.WeekFelt);
        await using var db = await f.Database.OpenAsync();
        Assert.Equal(1, await db.CheckIns.CountAsync(c => c.UserId == account.UserId, Cancel));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_database_itself_refuses_a_second_row_for_the_same_person_and_week_but_not_for_another_person(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var a = await f.Database.AddAccountAsync("person.a");
        using var b = await f.Database.AddAccountAsync("person.b");
        await f.KeepPlanAsync(a);
        await f.KeepPlanAsync(b);
        Assert.True((await f.Database.CheckIns.SubmitAsync(a.UserId, a.Key, CheckInFixture.Answers(), cancellationToken: Cancel)).Saved);
        var forB = await f.Database.CheckIns.SubmitAsync(b.UserId, b.Key, CheckInFixture.Answers(), cancellationToken: Cancel);
        Assert.True(forB.Saved);
        Assert.False(forB.EditedExisting);

        await using var db = await f.Database.OpenAsync();
        db.CheckIns.Add(new HealingCompass.Data.CheckIns.CheckInRow { Id = Guid.NewGuid(), UserId = a.UserId, Week = forB.Week, Payload = [1] });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Cancel));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Someone_else_cannot_read_or_change_a_persons_check_ins_or_commitments(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var a = await f.Database.AddAccountAsync("owner.a");
        using var b = await f.Database.AddAccountAsync("other.b");
        var planA = await f.KeepPlanAsync(a);
        await f.KeepPlanAsync(b);
        var aCommitment = planA.Commitments[0].Id;
        await f.Database.CheckIns.SubmitAsync(a.UserId, a.Key, CheckInFixture.Answers(kept: [aCommitment.ToString()], note: "A's words"), cancellationToken: Cancel);
        var aCheckIn = Assert.Single(await f.Database.CheckIns.LoadAllAsync(a.UserId, a.Key, Cancel));

        // Reading by id, with B's own key or A's: not found for B.
        Assert.Null(await f.Database.CheckIns.LoadAsync(b.UserId, b.Key, aCheckIn.Id, Cancel));
        Assert.Null(await f.Database.CheckIns.LoadAsync(b.UserId, a.Key, aCheckIn.Id, Cancel));
        Assert.Empty(await f.Database.CheckIns.LoadAllAsync(b.UserId, b.Key, Cancel));

        // Changing A's commitment: not found, and A's stays active.
        Assert.False(await f.Database.Plans.SetStatusAsync(b.UserId, aCommitment, CommitmentStatus.Dropped, Cancel));
        Assert.False(await f.Database.Plans.TakeWordingAsync(b.UserId, b.Key, new WordingOffer(aCommitment, "", "x", "x", "9.9.9"), Cancel));
        Assert.Equal(CommitmentStatus.Active, (await f.Database.Plans.LoadAsync(a.UserId, a.Key, Cancel))!.Commitments[0].Status);

        // Ticking A's commitment in B's check-in: refused, nothing saved for B, A's untouched.
        var refused = await f.Database.CheckIns.SubmitAsync(b.UserId, b.Key, CheckInFixture.Answers(kept: [aCommitment.ToString()]), cancellationToken: Cancel);
        Assert.False(refused.Saved);
        Assert.Equal(CheckInQuestions.CommitmentsKept, Assert.Single(refused.Problems).Field);
        Assert.Empty(await f.Database.CheckIns.LoadAllAsync(b.UserId, b.Key, Cancel));
        Assert.Equal("A's words", (await f.Database.CheckIns.LoadAsync(a.UserId, a.Key, aCheckIn.Id, Cancel))!.Answers.Note);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_week_is_the_persons_own_in_their_time_zone(DatabaseProvider provider)
    {
        // Monday 04:30 UTC is still Sunday evening in New York.
        await using var f = await CheckInFixture.CreateAsync(provider, new DateTimeOffset(2026, 11, 30, 4, 30, 0, TimeSpan.Zero));
        using var newYork = await f.Database.AddAccountAsync("in.new.york");
        using var london = await f.Database.AddAccountAsync("in.london");
        await f.KeepPlanAsync(newYork, DayOfWeek.Sunday, "America/New_York");
        await f.KeepPlanAsync(london, DayOfWeek.Sunday, "Europe/London");

        var ny = await f.Database.CheckIns.SubmitAsync(newYork.UserId, newYork.Key, CheckInFixture.Answers(), cancellationToken: Cancel);
        var ldn = await f.Database.CheckIns.SubmitAsync(london.UserId, london.Key, CheckInFixture.Answers(), cancellationToken: Cancel);

        Assert.Equal(new DateOnly(2026, 11, 29), ny.Week);
        Assert.Equal(new DateOnly(2026, 12, 6), ldn.Week);
        Assert.False(ny.WasLate);
        Assert.False(ldn.WasLate);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_past_week_is_kept_and_marked_late_and_a_future_week_is_refused_with_nothing_saved(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var account = await f.Database.AddAccountAsync("a.bit.late");
        await f.KeepPlanAsync(account);
        var lastWeek = new DateOnly(2026, 11, 29);
        f.Time.Advance(TimeSpan.FromDays(2)); // Tuesday: the current week is 6 December

        var late = await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(), lastWeek, Cancel);
        var future = await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(), new DateOnly(2026, 12, 13), Cancel);
        var offDay = await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(), new DateOnly(2026, 11, 25), Cancel);

        Assert.True(late.Saved);
        Assert.True(late.WasLate);
        Assert.False(future.Saved);
        Assert.Equal("week", Assert.Single(future.Problems).Field);
        Assert.False(offDay.Saved);
        var only = Assert.Single(await f.Database.CheckIns.LoadAllAsync(account.UserId, account.Key, Cancel));
        Assert.Equal(lastWeek, only.Week);
        Assert.True(only.WasLate);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Bad_input_changes_nothing_already_saved(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var account = await f.Database.AddAccountAsync("keeps.what.was.saved");
        await f.KeepPlanAsync(account);
        await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(weekFelt: 2, note: "first"), cancellationToken: Cancel);
        var before = Assert.Single(await f.Database.CheckIns.LoadAllAsync(account.UserId, account.Key, Cancel));

        var offScale = await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(weekFelt: 9), cancellationToken: Cancel);
        var tooLong = await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(note: new string('x', CheckInQuestions.Default.NoteMaxLength + 1)), cancellationToken: Cancel);
        var unknown = await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(kept: [Guid.NewGuid().ToString()]), cancellationToken: Cancel);

        Assert.All(new[] { offScale, tooLong, unknown }, r => Assert.False(r.Saved));
        var after = Assert.Single(await f.Database.CheckIns.LoadAllAsync(account.UserId, account.Key, Cancel));
        Assert.Equal(before.UpdatedUtc, after.UpdatedUtc);
        Assert.Equal("first", after.Answers.Note);
        Assert.Equal(2, after.Answers.WeekFelt);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Each_answer_keeps_the_wording_version_it_was_given_against_and_how_many_commitments_were_listed(DatabaseProvider provider)
    {
        await using var f = await CheckInFixture.CreateAsync(provider);
        using var account = await f.Database.AddAccountAsync("versions.kept");
        var plan = await f.KeepPlanAsync(account);
        await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key,
            CheckInFixture.Answers(kept: [plan.Commitments[1].Id.ToString()]) with { Who5 = [3, 3, 2, 4, 3] }, cancellationToken: Cancel);

        var stored = Assert.Single(await f.Database.CheckIns.LoadAllAsync(account.UserId, account.Key, Cancel)).Answers;
        foreach (var id in CheckInQuestions.All)
        {
            Assert.Equal(CheckInQuestions.Default[id].Current.Version, stored.Versions[id]);
        }
        Assert.Equal(CheckInQuestions.Default.Who5.Version, stored.Versions["who5"]);
        Assert.Equal(2, stored.CommitmentsListed);
        Assert.Equal(60, stored.Who5Percent);
        Assert.Equal("You kept 1 of 2 commitments.", ProgressWording.Kept(stored.CommitmentsKept.Count, stored.CommitmentsListed, CheckInQuestions.Default));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Trend_numbers_are_right_across_missed_weeks_time_zones_and_a_change_of_check_in_day(DatabaseProvider provider)
    {
        // Sunday 29 November, 23:00 in Auckland (10:00 UTC).
        await using var f = await CheckInFixture.CreateAsync(provider, new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        using var account = await f.Database.AddAccountAsync("over.the.weeks");
        await f.KeepPlanAsync(account, DayOfWeek.Sunday, "Pacific/Auckland");
        async Task CheckIn(int felt, int safe)
        {
            var r = await f.Database.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(felt, safe), cancellationToken: Cancel);
            Assert.True(r.Saved, string.Join(" ", r.Problems.Select(p => p.Message)));
            Assert.False(r.EditedExisting);
        }

        await CheckIn(2, 2);                          // week of 29 Nov
        f.Time.Advance(TimeSpan.FromDays(7));
        await CheckIn(3, 4);                          // week of 6 Dec
        f.Time.Advance(TimeSpan.FromDays(14));        // the week of 13 Dec has no check-in
        await CheckIn(4, 5);                          // week of 20 Dec
        Assert.True(await f.Database.Plans.UpdateSettingsAsync(account.UserId, account.Key, s => s with { CheckInDay = DayOfWeek.Wednesday }, Cancel));
        f.Time.Advance(TimeSpan.FromDays(10));        // Wednesday 30 Dec in Auckland
        await CheckIn(5, 5);

        var weeks = ProgressTrend.Build((await f.Database.CheckIns.LoadAllAsync(account.UserId, account.Key, Cancel))
            .Select(c => new CheckInWeek(c.Week, c.Answers, c.WasLate)));

        Assert.Equal(
            [new DateOnly(2026, 11, 29), new DateOnly(2026, 12, 6), new DateOnly(2026, 12, 13), new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 30)],
            weeks.Select(w => w.Week));
        Assert.Equal([false, false, true, false, false], weeks.Select(w => w.IsGap));
        Assert.Equal(DayOfWeek.Wednesday, weeks[^1].Week.DayOfWeek);
        Assert.Equal(4.0, ProgressTrend.Average(weeks, w => w.FeltSafe)); // (2+4+5+5)/4, the gap is not a zero
        Assert.Equal(3.5, ProgressTrend.Average(weeks, w => w.WeekFelt));
        Assert.False(LoopToSafety.Evaluate([.. weeks.Where(w => !w.IsGap).Select(w => w.FeltSafe!.Value)], false, false).IsOffered);
    }
}
