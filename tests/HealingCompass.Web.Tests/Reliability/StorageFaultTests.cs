using System.Net;
using HealingCompass.Data.CheckIns;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Components.Storage;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Web.Tests.Reliability;

/// <summary>
/// The database read-only, locked by another process, and on a full disk, while the real app runs on Kestrel:
/// a check-in save and a sign-in (which writes a session row and an activity line) get a calm answer, nothing
/// saved before is lost, and once the fault clears the same app, never restarted, saves again.
/// </summary>
public sealed class StorageFaultTests
{
    /// <summary>Sunday 29 November 2026, 18:00 UTC: a check-in day for a Sunday schedule.</summary>
    private static readonly DateTimeOffset Sunday = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);

    private static readonly string[] TwoSteps = ["step.personal.reconnect", "step.personal.soothing_ritual"];

    private static readonly string Calm = StorageTrouble.Message[..40];

    private static AccountsApp StartApp(string? dataDirectory = null)
    {
        var weeks = new FakeTimeProvider(Sunday);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (dataDirectory is not null)
        {
            settings["Storage:DataDirectory"] = dataDirectory;
        }
        return new AccountsApp(settings, services =>
        {
            services.RemoveAll<CheckInClock>();
            services.AddSingleton(new CheckInClock(weeks));
        });
    }

    private sealed record Person(AccountFormClient Client, string UserName, string UserId, DataKey Key) : IDisposable
    {
        public void Dispose()
        {
            Client.Dispose();
            Key.Dispose();
        }
    }

    private static async Task<Person> PersonWithPlanAsync(AccountsApp app)
    {
        var (client, userName, _) = await app.SignUpAsync("faults");
        var user = await app.FindUserAsync(userName);
        var key = (await app.ReadKeyringAsync(user!.Id)).UnlockWithPassword(user.Id, AccountsApp.Password);
        var steps = TwoSteps.Select(id =>
        {
            Assert.True(ContentCatalog.Default.TryGetStep(id, out var s));
            return new PlanCommitment(s.Id, s.Title, s.Commitment!, s.Cadence);
        }).ToList();
        await app.Services.GetRequiredService<PlanStore>().SaveAsync(user.Id, key,
            new PlanSettings(ContentCatalog.Default.ContentVersion, [TrackIds.PersonalHealing], DayOfWeek.Sunday, "UTC", new DateOnly(2026, 11, 1), null), steps, TestContext.Current.CancellationToken);
        return new Person(client, userName, user.Id, key);
    }

    private static async Task<PageResponse> PostCheckInAsync(Person person, string note)
    {
        var page = await person.Client.GetFormAsync("/check-in");
        var form = page.Forms.Single(f => f.Hidden.TryGetValue(AccountFormClient.HandlerField, out var h) && h == "check-in");
        var body = form.Hidden.ToList();
        body.AddRange([new("weekFelt", "3"), new("feltSafe", "4"), new("note", note)]);
        return await person.Client.PostRawAsync("/check-in", body);
    }

    private static async Task<string?> SavedNoteAsync(AccountsApp app, Person person) =>
        (await app.Services.GetRequiredService<CheckInStore>().LoadAllAsync(person.UserId, person.Key, TestContext.Current.CancellationToken))
            .SingleOrDefault()?.Answers.Note;

    /// <summary>During the fault: the check-in and a sign-in are refused calmly, and the saved check-in is intact.</summary>
    private static async Task RefusedCalmlyAsync(AccountsApp app, Person person, bool signInMayGoThrough)
    {
        var refused = await PostCheckInAsync(person, "words typed while the disk would not take them");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(Calm, refused.Text, StringComparison.Ordinal);
        Assert.Contains("words typed while the disk would not take them", refused.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Something went wrong ·", refused.Html, StringComparison.Ordinal);

        using var other = app.NewClient();
        var signIn = await other.SignInAsync(person.UserName, AccountsApp.Password);
        // Either the sign-in went through (a full disk still lets SQLite reuse the WAL's own space) or it is
        // refused calmly; never a 500 or the generic error.
        Assert.True((signInMayGoThrough && signIn.IsRedirect) || signIn.Text.Contains(Calm, StringComparison.Ordinal), signIn.ToString());
        Assert.True((int)signIn.Status < 500 || signIn.Status == HttpStatusCode.ServiceUnavailable, signIn.ToString());
        Assert.DoesNotContain("Exception", signIn.Html, StringComparison.Ordinal);

        Assert.Equal("saved before the fault", await SavedNoteAsync(app, person));
    }

    /// <summary>After the fault: the same app saves the check-in and signs in, without a restart.</summary>
    private static async Task RecoversAsync(AccountsApp app, Person person)
    {
        var saved = await PostCheckInAsync(person, "saved after the fault cleared");
        Assert.Contains("data-check-in-saved", saved.Html, StringComparison.Ordinal); // "…kept this one, rather than adding a second"
        Assert.Equal("saved after the fault cleared", await SavedNoteAsync(app, person));

        using var other = app.NewClient();
        var signIn = await other.SignInAsync(person.UserName, AccountsApp.Password);
        Assert.True(signIn.IsRedirect, signIn.ToString());
        Assert.NotNull(signIn.SetCookie(AccountsApp.SessionCookie));
    }

    [Fact]
    public async Task A_read_only_database_gets_a_calm_answer_loses_nothing_and_saves_again_once_writable()
    {
        using var app = StartApp();
        using var person = await PersonWithPlanAsync(app);
        Assert.Contains("Your check-in is saved.", (await PostCheckInAsync(person, "saved before the fault")).Text, StringComparison.Ordinal);

        using var leaving = (await app.SignUpAsync("faults.leaving")).Client;

        using (StorageFaults.ReadOnly(app.Server.DataDirectory))
        {
            // The pool lets idle connections go after a few minutes; a fault that lasts that long meets
            // connections opened while the file could not be written, which SQLite opens read-only.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await RefusedCalmlyAsync(app, person, signInMayGoThrough: false);

            // Leaving works whatever the database does: the cookie ends and the browser is asked to clear.
            var signOut = await leaving.SignOutAsync();
            Assert.True(signOut.IsRedirect, signOut.ToString());
            Assert.Contains("cookies", string.Join(' ', signOut.Headers.GetValues("Clear-Site-Data")), StringComparison.Ordinal);
            Assert.Contains(signOut.SetCookies, c => c.StartsWith(AccountsApp.SessionCookie + "=;", StringComparison.Ordinal));
        }

        await RecoversAsync(app, person);
    }

    [Fact]
    public async Task A_full_disk_gets_a_calm_answer_loses_nothing_and_saves_again_once_space_is_freed()
    {
        var (disk, unmount) = StorageFaults.SmallDisk(megabytes: 24);
        using (unmount)
        {
            var data = Path.Combine(disk, "data");
            using var app = StartApp(data);
            using var person = await PersonWithPlanAsync(app);
            Assert.Contains("Your check-in is saved.", (await PostCheckInAsync(person, "saved before the fault")).Text, StringComparison.Ordinal);

            StorageFaults.TruncateWal(Path.Combine(data, "healingcompass.db"));
            var filler = StorageFaults.Fill(disk);
            await RefusedCalmlyAsync(app, person, signInMayGoThrough: true);
            File.Delete(filler);

            await RecoversAsync(app, person);
        }
    }

    [Fact]
    public async Task A_database_locked_by_another_process_makes_the_save_wait_and_it_goes_through_when_released()
    {
        using var app = StartApp();
        using var person = await PersonWithPlanAsync(app);
        var page = await person.Client.GetFormAsync("/check-in");
        var form = page.Forms.Single(f => f.Hidden.TryGetValue(AccountFormClient.HandlerField, out var h) && h == "check-in");
        var body = form.Hidden.ToList();
        body.AddRange([new("weekFelt", "3"), new("feltSafe", "4"), new("note", "saved once the lock let go")]);

        using var locker = await StorageFaults.LockAsync(app.Server.DatabasePath, TimeSpan.FromSeconds(2));
        var saved = await person.Client.PostRawAsync("/check-in", body);
        await locker.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, locker.ExitCode);
        Assert.True(saved.Text.Contains("Your check-in is saved.", StringComparison.Ordinal), saved.Text);
        Assert.Equal("saved once the lock let go", await SavedNoteAsync(app, person));
        await RecoversAsync(app, person);
    }
}
