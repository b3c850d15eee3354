using System.Diagnostics;
using System.Globalization;
using HealingCompass.Data.Encryption;

namespace HealingCompass.CrashRun;

/// <summary>How a crash run goes.</summary>
/// <param name="Cycles">Kill-and-check cycles.</param>
/// <param name="People">People signed up, each with their own journal chain and check-ins.</param>
/// <param name="MaxKillDelayMs">The writer is killed between 0 and this many ms after it starts writing.</param>
/// <param name="Seed">Seed for the kill moments; random when null.</param>
/// <param name="StopAfter">No new cycle starts after this long (the result says how many ran); none when null.</param>
public sealed record CrashOptions(int Cycles, int People = 2, int MaxKillDelayMs = 300, int? Seed = null, TimeSpan? StopAfter = null);

/// <summary>What a crash run found. <see cref="Lost"/> counts acknowledged writes missing (or changed) after a kill.</summary>
public sealed record CrashResult(
    int Cycles,
    int Seed,
    int JournalEntries,
    int Attachments,
    int CheckIns,
    long WritesChecked,
    int Lost,
    int IntegrityFailures,
    int ChainBreaks,
    bool AppSignedInAfterwards,
    TimeSpan Elapsed,
    IReadOnlyList<string> Problems)
{
    public int Acknowledged => JournalEntries + Attachments + CheckIns;

    public bool Clean => Lost == 0 && IntegrityFailures == 0 && ChainBreaks == 0 && AppSignedInAfterwards && Problems.Count == 0;
}

/// <summary>
/// The crash run: signs people up on the real app over HTTP (and kills it), keeps a plan for each, then cycles:
/// start the writer, let it write for a random moment, SIGKILL it, check the database as a restart finds it.
/// At the end it checks every file once more and signs each person in on the real app again.
/// </summary>
public static class CrashHarness
{
    /// <summary>Earlier files opened again in each cycle (every file is opened in the cycle it was written and at the end).</summary>
    private const int EarlierFilesPerCycle = 8;

    public static async Task<CrashResult> RunAsync(CrashOptions options, BuiltApp built, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(built);
        ArgumentNullException.ThrowIfNull(progress);
        var seed = options.Seed ?? Random.Shared.Next();
        var random = new Random(seed);
        var folder = Path.Combine(Path.GetTempPath(), $"healingcompass-crash-{Guid.NewGuid():N}");
        var dataDirectory = Path.Combine(folder, "data");
        var started = Stopwatch.StartNew();
        var userNames = People.UserNames(options.People);
        var acknowledged = new List<Acknowledgement>();
        var problems = new List<string>();
        var people = new List<(string UserId, DataKey Key)>();
        long writesChecked = 0;
        int lost = 0, integrityFailures = 0, chainBreaks = 0, cycles = 0;
        var signedIn = false;
        try
        {
            using (var app = await RealApp.StartAsync(built.WebDll, dataDirectory, cancellationToken))
            {
                foreach (var userName in userNames)
                {
                    using var client = app.NewClient();
                    if (!await client.RegisterAsync(userName, People.Password, cancellationToken))
                    {
                        throw new InvalidOperationException($"Sign-up of {userName} did not show a recovery key.");
                    }
                }
                app.Kill();
            }
            await using (var data = DataAccess.Open(dataDirectory))
            {
                foreach (var userName in userNames)
                {
                    var person = await data.UnlockAsync(userName, cancellationToken);
                    await data.KeepPlanAsync(person.UserId, person.Key, cancellationToken);
                    people.Add(person);
                }
            }
            progress.WriteLine($"Signed up {people.Count} people on the real app; {options.Cycles} cycles, seed {seed}.");

            for (var cycle = 0; cycle < options.Cycles && !(started.Elapsed > options.StopAfter); cycle++)
            {
                var delay = random.Next(0, options.MaxKillDelayMs + 1);
                var (acks, problem) = await WriteUntilKilledAsync(built.WriterDll, dataDirectory, cycle, userNames, delay, cancellationToken);
                if (problem is not null)
                {
                    problems.Add($"cycle {cycle}: {problem}");
                }
                acknowledged.AddRange(acks);
                var files = acks.Where(a => a.Kind == WriteKind.Attachment).ToList();
                var earlier = acknowledged.Where(a => a.Kind == WriteKind.Attachment).Except(files).ToList();
                files.AddRange(earlier.OrderBy(_ => random.Next()).Take(EarlierFilesPerCycle));
                var check = await Checker.CheckAsync(dataDirectory, people, acknowledged, files, cancellationToken);
                Tally(check, cycle);
                cycles++;
                if ((cycle + 1) % 25 == 0 || cycle + 1 == options.Cycles)
                {
                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{cycle + 1} cycles, {acknowledged.Count} acknowledged writes, {lost} lost, {integrityFailures} integrity failures, {started.Elapsed.TotalSeconds:N0} s"));
                }
            }

            var everyFile = acknowledged.Where(a => a.Kind == WriteKind.Attachment).ToList();
            Tally(await Checker.CheckAsync(dataDirectory, people, acknowledged, everyFile, cancellationToken), cycles);
            using (var app = await RealApp.StartAsync(built.WebDll, dataDirectory, cancellationToken))
            {
                signedIn = true;
                foreach (var userName in userNames)
                {
                    using var client = app.NewClient();
                    signedIn &= await client.SignInAsync(userName, People.Password, cancellationToken);
                }
            }
            if (!signedIn)
            {
                problems.Add("the real app, started on the file afterwards, did not sign everyone in");
            }
        }
        finally
        {
            foreach (var (_, key) in people)
            {
                key.Dispose();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        return new CrashResult(
            cycles,
            seed,
            acknowledged.Count(a => a.Kind == WriteKind.JournalEntry),
            acknowledged.Count(a => a.Kind == WriteKind.Attachment),
            acknowledged.Count(a => a.Kind == WriteKind.CheckIn),
            writesChecked,
            lost,
            integrityFailures,
            chainBreaks,
            signedIn,
            started.Elapsed,
            problems);

        void Tally(CheckResult check, int cycle)
        {
            writesChecked += check.Checked;
            lost += check.Lost;
            integrityFailures += check.IntegrityOk ? 0 : 1;
            chainBreaks += check.ChainsIntact ? 0 : 1;
            problems.AddRange(check.Problems.Take(5).Select(p => $"cycle {cycle}: {p}"));
        }
    }

    /// <summary>Runs the writer until <paramref name="delayMs"/> after it said ready, then SIGKILLs it; returns its complete acknowledgements.</summary>
    private static async Task<(List<Acknowledgement> Acks, string? Problem)> WriteUntilKilledAsync(
        string writerDll, string dataDirectory, int cycle, IReadOnlyList<string> userNames, int delayMs, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", [writerDll, Writer.Switch, dataDirectory, cycle.ToString(CultureInfo.InvariantCulture), .. userNames])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var acks = new List<Acknowledgement>();
        var errors = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ready")
            {
                ready.TrySetResult();
            }
            else if (Acknowledgement.Parse(e.Data) is { } ack)
            {
                lock (acks)
                {
                    acks.Add(ack);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(ready.Task, exited) == exited)
        {
            return (acks, $"the writer stopped before writing (exit {process.ExitCode}): {errors}");
        }
        await Task.Delay(delayMs, cancellationToken);
        string? problem = process.HasExited ? $"the writer stopped by itself (exit {process.ExitCode}): {errors}" : null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true); // SIGKILL on Linux
        }
        process.WaitForExit(); // and its stdout read to the end
        lock (acks)
        {
            return ([.. acks], problem);
        }
    }
}
