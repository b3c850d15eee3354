using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.LoadRun.CheckIns;

/// <summary>
/// Issue 11's load run: N people submitting weekly check-ins through the real form (HTTP POST with antiforgery
/// and the sign-in cookie) against the real app on loopback and its real SQLite file, and, in the same run, a
/// plain encrypted insert of the same bytes through Microsoft.Data.Sqlite with the same concurrency, same
/// PRAGMAs and its own file. Budget: zero errors, and p99 of a check-in save at most 3× the plain insert's p99.
/// </summary>
internal static class CheckInLoad
{
    public const string Switch = "--check-ins";
    internal const string Password = "lanterns drift over the quiet harbour";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var people = Option(args, "--people", 100);
        var seconds = Option(args, "--seconds", 60);
        var write = args.SkipWhile(a => a != "--write").Skip(1).FirstOrDefault();

        using var host = CheckInLoadHost.Start();
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = people };
        using var http = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        Console.Error.WriteLine($"Making {people} accounts with a kept plan…");
        var persons = new ConcurrentBag<(FormPerson Person, List<KeyValuePair<string, string>> Form, string[] Kept)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, _) =>
        {
            var person = await SignUpAsync(http, i);
            var kept = await KeepPlanAsync(host, person.UserName);
            var (_, checkIn) = await person.SendAsync(HttpMethod.Get, "/check-in");
            persons.Add((person, FormPerson.HiddenFields(checkIn, "check-in").Where(f => f.Key != "week").ToList(), kept));
        });

        var currentWeek = new CheckInSchedule(DayOfWeek.Sunday, TimeZoneInfo.Utc).WeekOf(DateTimeOffset.UtcNow);
        var note = "A private note of some length, as a person might write on a hard week. " + new string('x', 120);
        var answers = new CheckInAnswers
        {
            WeekFelt = 3, FeltSafe = 4, CommitmentsKept = persons.First().Kept[..2], CommitmentsListed = 4,
            Nourished = "A walk by the river", ReachedSupport = 1, Note = note, Versions = CheckInQuestions.Default.CurrentVersions(),
        };
        var json = CheckInAnswersJson.Write(answers);

        // The app's own measure of each save (validate, encrypt, write), read in this process as it is recorded.
        var saves = new ConcurrentBag<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == HealingCompass.Data.CheckIns.CheckInStore.MeterName && instrument.Name == HealingCompass.Data.CheckIns.CheckInStore.SaveDurationName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => saves.Add(value));
        listener.Start();

        // Both at once, for the same time and with the same number of workers, so both see the same busy machine.
        Console.Error.WriteLine($"Check-ins through the form, {people} people at once, and plain encrypted inserts of the same {Encoding.UTF8.GetByteCount(json)} bytes, {people} at once, for {seconds} s…");
        var baselineTask = BaselineAsync(Path.Combine(host.DataDirectory, "baseline.db"), json, people, TimeSpan.FromSeconds(seconds));
        var errors = 0;
        string? firstError = null;
        var timings = new ConcurrentBag<double>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(persons.Select(async p =>
        {
            // Each save is a new week (a past one, allowed and marked late), so every save is an insert.
            for (var k = 1; stop.Elapsed < TimeSpan.FromSeconds(seconds); k++)
            {
                var form = new List<KeyValuePair<string, string>>(p.Form)
                {
                    new("week", currentWeek.AddDays(-7 * k).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new("weekFelt", "3"), new("feltSafe", "4"), new("kept", p.Kept[0]), new("kept", p.Kept[1]),
                    new("nourished", "A walk by the river"), new("reached", "1"), new("note", note),
                };
                var watch = Stopwatch.StartNew();
                try
                {
                    var (status, html) = await p.Person.SendAsync(HttpMethod.Post, "/check-in", form);
                    watch.Stop();
                    if (status != HttpStatusCode.OK || !html.Contains("data-check-in-saved", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref errors);
                        firstError ??= $"{(int)status}";
                        continue;
                    }
                    timings.Add(watch.Elapsed.TotalMilliseconds);
                }
                catch (HttpRequestException ex)
                {
                    Interlocked.Increment(ref errors);
                    firstError ??= ex.GetType().Name;
                }
            }
        }));
        var elapsed = stop.Elapsed;
        var baseline = await baselineTask;
        listener.Dispose();

        var stored = await CountCheckInsAsync(host);
        var markdown = Report(people, seconds, Encoding.UTF8.GetByteCount(json) + FieldCipher.Overhead, [.. timings], [.. saves], elapsed, errors, firstError, baseline, stored);
        Console.WriteLine(markdown);
        if (write is not null && !MarkdownSection.TryReplace(write, "checkins-loadrun", markdown))
        {
            return 2;
        }
        return errors == 0 ? 0 : 1;
    }

    /// <summary>Signs a new person up through the real form; the answer page shows their recovery key.</summary>
    internal static async Task<FormPerson> SignUpAsync(HttpClient http, int i)
    {
        var person = new FormPerson(http, $"load.{i}.{Guid.NewGuid():N}"[..24]);
        var (_, register) = await person.SendAsync(HttpMethod.Get, "/account/register");
        var fields = FormPerson.HiddenFields(register, "register");
        fields.Add(new("Input.UserName", person.UserName));
        fields.Add(new("Input.Password", Password));
        fields.Add(new("Input.ConfirmPassword", Password));
        fields.Add(new("Input.UnderstandsRecovery", "true"));
        var (status, page) = await person.SendAsync(HttpMethod.Post, "/account/register", fields);
        if (status != HttpStatusCode.OK || !page.Contains("hc-recovery-key", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-up {i} answered {(int)status}.");
        }
        return person;
    }

    internal static async Task<string[]> KeepPlanAsync(CheckInLoadHost host, string userName)
    {
        using var scope = host.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync(userName)
            ?? throw new InvalidOperationException("No account.");
        var contexts = host.Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var stored = await db.Keyrings.AsNoTracking().SingleAsync(k => k.UserId == user.Id);
        using var key = Keyring.FromBlobs(stored.PasswordWrapped, stored.RecoveryWrapped).UnlockWithPassword(user.Id, Password);
        var plan = PlanBuilder.Build(AssessmentScorer.Score(new AnswerSet()), [TrackIds.PersonalHealing]);
        var kept = await host.Services.GetRequiredService<PlanStore>().SaveAsync(user.Id, key,
            new PlanSettings(ContentCatalog.Default.ContentVersion, [TrackIds.PersonalHealing], DayOfWeek.Sunday, "UTC", new DateOnly(2026, 1, 4), null),
            [.. PlanCommitments.From(plan).Take(4)]);
        return [.. kept.Commitments.Select(c => c.Id.ToString())];
    }

    private static async Task<double[]> BaselineAsync(string path, string json, int workers, TimeSpan duration)
    {
        var connectionString = $"Data Source={path};Pooling=True";
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = setup.CreateCommand();
            create.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE Baseline (Id TEXT PRIMARY KEY, UserId TEXT NOT NULL, Week TEXT NOT NULL, WasLate INTEGER NOT NULL, CreatedUtc TEXT NOT NULL, UpdatedUtc TEXT NOT NULL, Payload BLOB NOT NULL);";
            await create.ExecuteNonQueryAsync();
        }
        using var key = DataKey.Create();
        var timings = new ConcurrentBag<double>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var userId = Guid.NewGuid().ToString();
            while (stop.Elapsed < duration)
            {
                var watch = Stopwatch.StartNew();
                var id = Guid.NewGuid();
                var payload = FieldCipher.EncryptString(key, json, new RecordBinding(userId, "check-in", id.ToString("N")));
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                // The app's PRAGMAs on every open, as its interceptor does.
                command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA journal_size_limit = 0;"
                    + "INSERT INTO Baseline VALUES ($id, $user, $week, 1, $now, $now, $payload);";
                command.Parameters.AddWithValue("$id", id.ToString());
                command.Parameters.AddWithValue("$user", userId);
                command.Parameters.AddWithValue("$week", "2026-11-29");
                command.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$payload", payload);
                await command.ExecuteNonQueryAsync();
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
        })));
        return [.. timings];
    }

    private static async Task<int> CountCheckInsAsync(CheckInLoadHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>().CreateDbContextAsync();
        return await db.CheckIns.CountAsync();
    }

    private static string Report(int people, int seconds, int blobBytes, double[] posts, double[] saves, TimeSpan elapsed, int errors, string? firstError, double[] baseline, int stored)
    {
        static double P(IReadOnlyCollection<double> values, double q) => RunFigures.Percentile(values, q);
        var ratio = P(saves, 0.99) / P(baseline, 0.99);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on this machine ({Environment.ProcessorCount} cores, shared), Release build, one run of `dotnet run -c Release --project tests/HealingCompass.LoadRun -- --check-ins --people {people} --seconds {seconds}`.");
        sb.AppendLine();
        sb.AppendLine("| | count | errors | per second | p50 ms | p95 ms | p99 ms |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        sb.AppendLine(inv, $"| Check-in save in the app (find the week, validate, encrypt, write), {people} people at once | {saves.Length:N0} | {errors} | {saves.Length / elapsed.TotalSeconds:N0} | {P(saves, 0.5):N1} | {P(saves, 0.95):N1} | {P(saves, 0.99):N1} |");
        sb.AppendLine(inv, $"| The whole form POST over loopback HTTP as the person waits for it (cookie check, antiforgery, plan read, save, page) | {posts.Length:N0} | {errors} | {posts.Length / elapsed.TotalSeconds:N0} | {P(posts, 0.5):N1} | {P(posts, 0.95):N1} | {P(posts, 0.99):N1} |");
        sb.AppendLine(inv, $"| Plain encrypted insert of the same bytes ({blobBytes} B blob), Microsoft.Data.Sqlite, {people} at once | {baseline.Length:N0} | 0 | {baseline.Length / (double)seconds:N0} | {P(baseline, 0.5):N1} | {P(baseline, 0.95):N1} | {P(baseline, 0.99):N1} |");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Errors: {errors}{(firstError is null ? "" : $" (first: {firstError})")}. Rows in the app's CheckIns table afterwards: {stored:N0} (each save was a new week, so an insert).");
        sb.AppendLine(inv, $"- p99 ratio, check-in save ÷ plain insert: **{ratio:N2}×** (budget ≤ 3×: {(ratio <= 3 && errors == 0 ? "met" : "NOT met")}). The whole POST's p99 is {P(posts, 0.99) / P(baseline, 0.99):N2}× the insert's; at p50 the save is {P(saves, 0.5) / P(baseline, 0.5):N0}× the insert.");
        return sb.ToString().TrimEnd();
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        var i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
