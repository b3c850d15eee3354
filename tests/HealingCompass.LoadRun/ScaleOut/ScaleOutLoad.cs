using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using HealingCompass.Data;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.EndToEnd.Tests.ScaleOut;
using HealingCompass.LoadRun.Browser;
using HealingCompass.LoadRun.CheckIns;
using HealingCompass.LoadRun.Journeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.LoadRun.ScaleOut;

/// <summary>
/// Issue 16's load run: the same people through sign-in, a journal entry and a check-in, first against one app
/// process on SQLite, then against two app processes on one PostgreSQL behind nginx with sticky sessions, in the same
/// run, on the same machine. It reports each setup's throughput and p99, and the ratio of the two.
/// </summary>
internal static class ScaleOutLoad
{
    public const string Switch = "--scale-out";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var people = (int)RunFigures.Option(args, "--people", 24);
        var tabs = (int)RunFigures.Option(args, "--tabs", 6);
        var seconds = RunFigures.Option(args, "--seconds", 60);
        var write = args.SkipWhile(a => a != "--write").Skip(1).FirstOrDefault();
        var command = $"dotnet run -c Release --project tests/HealingCompass.LoadRun -- --scale-out --people {people} --tabs {tabs} --seconds {seconds.ToString(CultureInfo.InvariantCulture)}";

        using var postgres = ThrowawayPostgres.Start();
        Environment.SetEnvironmentVariable(TwoInstances.PostgresVariable, postgres.ConnectionString);
        await using var browser = ChildProcessDriver.Start();
        var results = new List<SetupResult>();

        var sqliteFolder = Directory.CreateTempSubdirectory("healingcompass-loadrun-sqlite-").FullName;
        try
        {
            Log("One instance on SQLite…");
            using (var one = await AppProcess.StartAsync("sqlite", sqliteFolder, null, CancellationToken.None))
            {
                var data = new Dictionary<string, string?> { ["Storage:DataDirectory"] = sqliteFolder };
                results.Add(await MeasureAsync("One instance, SQLite", one.Address, data, browser, people, tabs, seconds));
                if (results[^1].Errors > 0)
                {
                    Log("The instance wrote:\n" + one.RecentOutput);
                }
            }
            Log("Two instances on PostgreSQL behind nginx…");
            await using (var two = await TwoInstances.StartAsync(null, CancellationToken.None))
            {
                var data = new Dictionary<string, string?>
                {
                    ["Storage:DataDirectory"] = sqliteFolder,
                    [DependencyInjection.ProviderSetting] = "PostgreSql",
                    [$"ConnectionStrings:{DependencyInjection.ConnectionStringName}"] = two.ConnectionString,
                };
                results.Add(await MeasureAsync("Two instances, PostgreSQL, nginx", two.Proxy, data, browser, people, tabs, seconds));
                if (results[^1].Errors > 0)
                {
                    Log("Instance a wrote:\n" + two.A.RecentOutput + "\nInstance b wrote:\n" + two.B.RecentOutput);
                }
            }
        }
        finally
        {
            Directory.Delete(sqliteFolder, recursive: true);
        }

        var markdown = Report(command, results);
        Console.WriteLine(markdown);
        if (write is not null && !MarkdownSection.TryReplace(write, "scaleout-loadrun", markdown))
        {
            return 2;
        }
        return results.All(r => r.Errors == 0) ? 0 : 1;
    }

    private sealed record SetupResult(string Name, List<double> SignIns, double SignInsPerSecond, JourneyResult Journeys, double Seconds, int Errors);

    private static async Task<SetupResult> MeasureAsync(string name, Uri address, Dictionary<string, string?> dataSettings, ChildProcessDriver browser, int people, int tabs, double seconds)
    {
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 32 };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(dataSettings).Build();
        await using var data = new ServiceCollection().AddData(configuration, Path.GetTempPath()).BuildServiceProvider();

        Log($"{name}: {people} accounts with a kept plan…");
        var names = new string[people];
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, _) =>
        {
            var person = await CheckInLoad.SignUpAsync(http, i);
            await KeepPlanAsync(data, person.UserName);
            names[i] = person.UserName;
        });

        // Sign-in: every person signs in afresh (a new browser, so nginx gives it a route of its own), tabs at a time.
        Log($"{name}: {people} sign-ins, {tabs} at once…");
        var signIns = new ConcurrentBag<double>();
        var signedIn = new FormPerson[people];
        var errors = 0;
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = tabs }, async (i, _) =>
        {
            var person = new FormPerson(http, names[i]);
            var (_, form) = await person.SendAsync(HttpMethod.Get, "/account/login");
            var fields = FormPerson.HiddenFields(form, "sign-in");
            fields.Add(new("Input.UserName", names[i]));
            fields.Add(new("Input.Password", CheckInLoad.Password));
            var clock = Stopwatch.StartNew();
            var (status, _) = await person.SendAsync(HttpMethod.Post, "/account/login", fields);
            signIns.Add(clock.Elapsed.TotalMilliseconds);
            if (status != HttpStatusCode.Redirect)
            {
                Interlocked.Increment(ref errors);
            }
            signedIn[i] = person;
        });
        var perSecond = people / wall.Elapsed.TotalSeconds;

        Log($"{name}: journal entries and check-ins, {tabs} tabs at once, for {seconds.ToString(CultureInfo.InvariantCulture)} s…");
        var journeys = await browser.RunJourneysAsync(new JourneyPlan(address.ToString(), [.. signedIn.Select(p => p.Cookies)], tabs, seconds));
        errors += journeys.Errors.Values.Sum();
        if (journeys.FirstErrors.Count > 0)
        {
            Log($"{name}: errors: " + string.Join(" | ", journeys.FirstErrors));
        }
        return new SetupResult(name, [.. signIns], perSecond, journeys, seconds, errors);
    }

    /// <summary>A kept plan written with the person's own key, as the plan page's "Keep this plan" does.</summary>
    internal static async Task KeepPlanAsync(IServiceProvider data, string userName)
    {
        var contexts = data.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var normalized = userName.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedUserName == normalized);
        var stored = await db.Keyrings.AsNoTracking().SingleAsync(k => k.UserId == user.Id);
        using var key = Keyring.FromBlobs(stored.PasswordWrapped, stored.RecoveryWrapped).UnlockWithPassword(user.Id, CheckInLoad.Password);
        var plan = PlanBuilder.Build(AssessmentScorer.Score(new AnswerSet()), [TrackIds.PersonalHealing]);
        await data.GetRequiredService<PlanStore>().SaveAsync(user.Id, key,
            new PlanSettings(ContentCatalog.Default.ContentVersion, [TrackIds.PersonalHealing], DayOfWeek.Sunday, "UTC", new DateOnly(2026, 1, 4), null),
            [.. PlanCommitments.From(plan).Take(4)]);
    }

    private static string Report(string command, List<SetupResult> results)
    {
        var inv = CultureInfo.InvariantCulture;
        static double P(IReadOnlyCollection<double> values, double q) => RunFigures.Percentile(values, q);
        List<double> Of(SetupResult r, string action) => r.Journeys.Timings.TryGetValue(action, out var v) ? v : [];
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on this machine ({Environment.ProcessorCount} cores, shared by the app processes, PostgreSQL, nginx and Chromium), Release build, one run of `{command}`.");
        sb.AppendLine();
        sb.AppendLine("| Setup | sign-ins/s | sign-in p99 ms | rounds/min | entry save p50 / p99 ms | check-in save p50 / p99 ms | errors |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var entries = Of(r, JourneyBrowser.EntrySave);
            var checkIns = Of(r, JourneyBrowser.CheckInSave);
            sb.AppendLine(inv, $"| {r.Name} | {r.SignInsPerSecond:N1} | {P(r.SignIns, 0.99):N0} | {r.Journeys.Rounds / (r.Seconds / 60):N1} | {P(entries, 0.5):N0} / {P(entries, 0.99):N0} | {P(checkIns, 0.5):N0} / {P(checkIns, 0.99):N0} | {r.Errors} |");
        }
        if (results.Count == 2)
        {
            var (one, two) = (results[0], results[1]);
            sb.AppendLine();
            sb.AppendLine(inv, $"Two instances against one: sign-ins/s ×{two.SignInsPerSecond / one.SignInsPerSecond:N2}, rounds/min ×{(double)two.Journeys.Rounds / Math.Max(1, one.Journeys.Rounds):N2}, entry-save p99 ×{P(Of(two, JourneyBrowser.EntrySave), 0.99) / P(Of(one, JourneyBrowser.EntrySave), 0.99):N2}, check-in-save p99 ×{P(Of(two, JourneyBrowser.CheckInSave), 0.99) / P(Of(one, JourneyBrowser.CheckInSave), 0.99):N2}.");
        }
        return sb.ToString();
    }

    private static void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
