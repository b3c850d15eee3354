using HealingCompass.Data.CheckIns;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Web.Tests.CheckIns;

/// <summary>The check-in form posted over real HTTP to the real app (Kestrel-free test server, real SQLite file).</summary>
public sealed class CheckInPostTests : IDisposable
{
    /// <summary>Sunday 29 November 2026, 18:00 UTC: a check-in day for a Sunday schedule.</summary>
    private static readonly DateTimeOffset Sunday = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider weeks = new(Sunday);
    private readonly AccountsApp app;

    public CheckInPostTests()
    {
        app = new AccountsApp(new Dictionary<string, string>(StringComparer.Ordinal), services =>
        {
            services.RemoveAll<CheckInClock>();
            services.AddSingleton(new CheckInClock(weeks));
        });
    }

    private sealed record Person(AccountFormClient Client, string UserId, DataKey Key, KeptPlan Plan) : IDisposable
    {
        public void Dispose()
        {
            Client.Dispose();
            Key.Dispose();
        }
    }

    private async Task<Person> PersonWithPlanAsync(string prefix)
    {
        var (client, userName, _) = await app.SignUpAsync(prefix);
        var user = await app.FindUserAsync(userName);
        var key = (await app.ReadKeyringAsync(user!.Id)).UnlockWithPassword(user.Id, AccountsApp.Password);
        var steps = TwoSteps.Select(id =>
        {
            Assert.True(ContentCatalog.Default.TryGetStep(id, out var s));
            return new PlanCommitment(s.Id, s.Title, s.Commitment!, s.Cadence);
        }).ToList();
        var plan = await Plans.SaveAsync(user.Id, key,
            new PlanSettings(ContentCatalog.Default.ContentVersion, [TrackIds.PersonalHealing], DayOfWeek.Sunday, "UTC", new DateOnly(2026, 11, 1), null), steps, TestContext.Current.CancellationToken);
        return new Person(client, user.Id, key, plan);
    }

    private static readonly string[] TwoSteps = ["step.personal.reconnect", "step.personal.soothing_ritual"];

    private PlanStore Plans => app.Services.GetRequiredService<PlanStore>();

    private CheckInStore Store => app.Services.GetRequiredService<CheckInStore>();

    private static async Task<PageResponse> PostCheckInAsync(Person person, params (string Name, string Value)[] fields)
    {
        var page = await person.Client.GetFormAsync("/check-in");
        var form = page.Forms.Single(f => f.Hidden.TryGetValue(AccountFormClient.HandlerField, out var h) && h == "check-in");
        var body = form.Hidden.Where(h => fields.All(f => f.Name != h.Key)).ToList();
        body.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await person.Client.PostRawAsync("/check-in", body);
    }

    private static (string, string)[] Valid(params (string, string)[] more) => [("weekFelt", "3"), ("feltSafe", "4"), .. more];

    [Fact]
    public async Task A_posted_check_in_is_saved_and_a_second_that_week_edits_the_first_and_says_so()
    {
        using var person = await PersonWithPlanAsync("checks.in");
        var kept = person.Plan.Commitments[0].Id.ToString();

        var first = await PostCheckInAsync(person, Valid(("kept", kept), ("note", "first words")));
        var second = await PostCheckInAsync(person, ("weekFelt", "5"), ("feltSafe", "5"), ("note", "second words"));

        Assert.Contains("Your check-in is saved.", first.Text, StringComparison.Ordinal);
        Assert.Contains("You kept 1 of 2 commitments.", first.Text, StringComparison.Ordinal);
        Assert.Contains("rather than adding a second one", second.Text, StringComparison.Ordinal);
        var only = Assert.Single(await Store.LoadAllAsync(person.UserId, person.Key, TestContext.Current.CancellationToken));
        Assert.Equal(new DateOnly(2026, 11, 29), only.Week);
        Assert.Equal("second words", only.Answers.Note);
        Assert.Equal(5, only.Answers.WeekFelt);
    }

    [Theory]
    [InlineData("feltSafe", "7")]
    [InlineData("feltSafe", "-1")]
    [InlineData("weekFelt", "lots")]
    [InlineData("reached", "9")]
    [InlineData("who5-0", "6")]
    public async Task A_value_off_the_scale_gets_a_kind_message_and_changes_nothing_already_saved(string field, string value)
    {
        using var person = await PersonWithPlanAsync("off.scale");
        await PostCheckInAsync(person, Valid(("note", "kept safe")));
        var before = Assert.Single(await Store.LoadAllAsync(person.UserId, person.Key, TestContext.Current.CancellationToken));

        var fields = Valid().Where(f => f.Item1 != field).Append((field, value)).ToArray();
        var page = await PostCheckInAsync(person, fields);

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("Nothing was saved yet, and what you entered is still here.", page.Text, StringComparison.Ordinal);
        var after = Assert.Single(await Store.LoadAllAsync(person.UserId, person.Key, TestContext.Current.CancellationToken));
        Assert.Equal(before.UpdatedUtc, after.UpdatedUtc);
        Assert.Equal("kept safe", after.Answers.Note);
    }

    [Fact]
    public async Task A_check_in_for_a_week_that_has_not_started_is_refused_kindly()
    {
        using var person = await PersonWithPlanAsync("future.week");
        var page = await PostCheckInAsync(person, Valid(("week", "2026-12-06")));
        Assert.Contains("That week hasn't started yet.", page.Text, StringComparison.Ordinal);
        Assert.Empty(await Store.LoadAllAsync(person.UserId, person.Key, TestContext.Current.CancellationToken));

        var unreadable = await PostCheckInAsync(person, Valid(("week", "next tuesday")));
        Assert.Contains("isn't one of your check-in days", unreadable.Text, StringComparison.Ordinal);
        Assert.Empty(await Store.LoadAllAsync(person.UserId, person.Key, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_note_over_the_limit_is_refused_with_the_limit_named_and_the_text_still_in_the_form()
    {
        using var person = await PersonWithPlanAsync("long.note");
        var limit = CheckInQuestions.Default.NoteMaxLength;
        var note = "Z" + new string('q', limit);
        var page = await PostCheckInAsync(person, Valid(("note", note)));

        Assert.Contains($"longer than {limit} characters", page.Text, StringComparison.Ordinal);
        Assert.Contains(note, page.Html, StringComparison.Ordinal); // what they wrote is still there to shorten
        Assert.Empty(await Store.LoadAllAsync(person.UserId, person.Key, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_commitment_id_from_someone_elses_plan_is_refused_in_a_check_in_and_in_the_plans_own_form()
    {
        using var a = await PersonWithPlanAsync("person.a");
        using var b = await PersonWithPlanAsync("person.b");
        var bsCommitment = b.Plan.Commitments[0].Id;

        var page = await PostCheckInAsync(a, Valid(("kept", bsCommitment.ToString())));
        Assert.Contains("isn't in your plan any more", page.Text, StringComparison.Ordinal);
        Assert.Empty(await Store.LoadAllAsync(a.UserId, a.Key, TestContext.Current.CancellationToken));

        var pause = await a.Client.PostFormAsync("/my-plan", "commitments", [new("act", $"drop:{bsCommitment}")]);
        Assert.Equal(System.Net.HttpStatusCode.OK, pause.Status);
        Assert.Contains("That commitment isn't in your plan, so nothing was changed.", pause.Text, StringComparison.Ordinal);
        var bPlan = await Plans.LoadAsync(b.UserId, b.Key, TestContext.Current.CancellationToken);
        Assert.Equal(CommitmentStatus.Active, bPlan!.Commitments[0].Status);
    }

    [Fact]
    public async Task A_late_check_in_is_kept_and_marked_as_done_later()
    {
        using var person = await PersonWithPlanAsync("a.bit.late");
        weeks.Advance(TimeSpan.FromDays(2)); // Tuesday: last week's check-in is now late

        var plan = await person.Client.GetAsync("/my-plan");
        Assert.Contains("can still be done, whenever suits you", plan.Text, StringComparison.Ordinal);
        var page = await PostCheckInAsync(person, Valid(("week", "2026-11-29")));

        Assert.Contains("marked as done later", page.Text, StringComparison.Ordinal);
        Assert.True(Assert.Single(await Store.LoadAllAsync(person.UserId, person.Key, TestContext.Current.CancellationToken)).WasLate);
    }

    [Fact]
    public async Task The_form_labels_every_point_keeps_autocomplete_off_and_holds_support_for_a_not_safe_answer()
    {
        using var person = await PersonWithPlanAsync("reads.the.form");
        var page = await person.Client.GetFormAsync("/check-in");

        Assert.Contains("autocomplete=\"off\"", page.Html, StringComparison.Ordinal);
        foreach (var point in CheckInQuestions.Default[CheckInQuestions.FeltSafe].Current.Points)
        {
            Assert.Contains($"for=\"feltSafe-{point.Value}\"", page.Html, StringComparison.Ordinal);
            Assert.Contains(point.Label, page.Text, StringComparison.Ordinal);
        }
        Assert.NotNull(page.TextOf("[data-not-safe]"));
        Assert.Contains("emergency", page.TextOf("[data-not-safe]"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("streak", page.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_check_in_copied_from_someone_elses_row_does_not_open_and_the_pages_say_so_kindly_with_nothing_changed()
    {
        using var a = await PersonWithPlanAsync("copied.from");
        using var b = await PersonWithPlanAsync("copied.into");
        await PostCheckInAsync(a, Valid(("note", "A's words")));
        await PostCheckInAsync(b, Valid(("note", "B's words")));
        await using (var db = await app.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var aPayload = db.CheckIns.Single(c => c.UserId == a.UserId).Payload;
            await db.CheckIns.Where(c => c.UserId == b.UserId)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Payload, aPayload), TestContext.Current.CancellationToken);
        }

        foreach (var path in new[] { "/progress", "/my-plan", "/check-in" })
        {
            var page = await b.Client.GetAsync(path);
            Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
            Assert.Contains("Something saved in your account couldn't be opened.", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("A's words", page.Html, StringComparison.Ordinal);
        }
        Assert.Equal("A's words", Assert.Single(await Store.LoadAllAsync(a.UserId, a.Key, TestContext.Current.CancellationToken)).Answers.Note);
    }

    private JournalStore Journal => app.Services.GetRequiredService<JournalStore>();

    private async Task WriteEntryAsync(Person person, DateOnly day, int? severity, string words)
    {
        var written = await Journal.CreateAsync(person.UserId, person.Key, new EntryContent { WhatHappened = words, Happened = new HappenedAt(day), Severity = severity }, TestContext.Current.CancellationToken);
        Assert.Equal(JournalWriteStatus.Saved, written.Status);
    }

    private static CheckInAnswers Answers => new() { WeekFelt = 3, FeltSafe = 4 };

    /// <summary>The journal cells of the table row for one week: the total, then not given and 1–5.</summary>
    private static int[] JournalCells(PageResponse page, string week) =>
        [int.Parse(page.TextOf($"tr[data-week='{week}'] [data-journal-total]")!, System.Globalization.CultureInfo.InvariantCulture),
         .. Enumerable.Range(0, 6).Select(s => int.Parse(page.TextOf($"tr[data-week='{week}'] [data-journal-severity='{s}']")!, System.Globalization.CultureInfo.InvariantCulture))];

    private static bool JournalBoxChecked(PageResponse page) =>
        System.Text.RegularExpressions.Regex.Match(page.Html, "<input[^>]*name=\"journal\"[^>]*>").Value is { Length: > 0 } box
            ? box.Contains(" checked", StringComparison.Ordinal)
            : throw new Xunit.Sdk.XunitException("The journal switch is missing.");

    [Fact]
    public async Task With_the_journal_shown_each_check_in_week_counts_only_its_owners_entries_by_severity_and_a_week_with_none_is_zero()
    {
        using var a = await PersonWithPlanAsync("journal.weeks");
        using var b = await PersonWithPlanAsync("other.journal");
        var cancel = TestContext.Current.CancellationToken;
        // Check-ins for the weeks up to Sunday 15 and Sunday 29 November; the week up to the 22nd is missed.
        Assert.True((await Store.SubmitAsync(a.UserId, a.Key, Answers, new DateOnly(2026, 11, 15), cancel)).Saved);
        Assert.True((await Store.SubmitAsync(a.UserId, a.Key, Answers, null, cancel)).Saved);
        var sentinel = $"SENTINEL-{Guid.NewGuid():N}";
        await WriteEntryAsync(a, new DateOnly(2026, 11, 1), 5, sentinel);    // before the first check-in week: not on this timeline
        await WriteEntryAsync(a, new DateOnly(2026, 11, 9), 2, sentinel);    // first day of the week up to the 15th
        await WriteEntryAsync(a, new DateOnly(2026, 11, 15), null, sentinel);
        await WriteEntryAsync(a, new DateOnly(2026, 11, 20), 4, sentinel);   // the missed week still counts its entries
        await WriteEntryAsync(a, new DateOnly(2026, 11, 20), 4, sentinel);
        foreach (var day in new[] { 10, 23, 29 })
        {
            await WriteEntryAsync(b, new DateOnly(2026, 11, day), 5, sentinel); // someone else's, in the same weeks
        }

        var page = await a.Client.GetAsync("/progress?journal=1");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Equal([2, 1, 0, 1, 0, 0, 0], JournalCells(page, "2026-11-15"));
        Assert.Equal([2, 0, 0, 0, 0, 2, 0], JournalCells(page, "2026-11-22"));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0], JournalCells(page, "2026-11-29"));
        Assert.Contains("No check-in", page.TextOf("tr[data-week='2026-11-22']"), StringComparison.Ordinal);
        Assert.Contains("Journal entries", page.TextOf("[data-trend-table] thead"), StringComparison.Ordinal);
        Assert.True(JournalBoxChecked(page));
        Assert.DoesNotContain(sentinel, page.Html, StringComparison.Ordinal); // only days and severities are read
        Assert.Equal("Progress · HealingCompass", page.TextOf("title"));
    }

    [Fact]
    public async Task The_journal_is_off_by_default_and_the_table_then_has_no_journal_column()
    {
        using var person = await PersonWithPlanAsync("journal.off");
        Assert.True((await Store.SubmitAsync(person.UserId, person.Key, Answers, null, TestContext.Current.CancellationToken)).Saved);
        await WriteEntryAsync(person, new DateOnly(2026, 11, 28), 3, "an entry this week");

        foreach (var path in new[] { "/progress", "/progress?journal=0", "/progress?journal=yes" })
        {
            var page = await person.Client.GetAsync(path);

            Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
            Assert.NotNull(page.TextOf("tr[data-week='2026-11-29']"));
            Assert.Null(page.TextOf("[data-journal-col]"));
            Assert.Null(page.TextOf("[data-journal-total]"));
            Assert.DoesNotContain("Journal entries", page.Text, StringComparison.Ordinal);
            Assert.Contains("Show my journal entries on the same weeks", page.TextOf("[data-journal-toggle]"), StringComparison.Ordinal);
            Assert.False(JournalBoxChecked(page));
        }
    }

    [Fact]
    public async Task Someone_signed_out_gets_a_kind_note_not_an_error()
    {
        using var client = app.NewClient();
        var page = await client.GetAsync("/check-in");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("You can use everything else without one.", page.Text, StringComparison.Ordinal);
    }

    public void Dispose() => app.Dispose();
}
