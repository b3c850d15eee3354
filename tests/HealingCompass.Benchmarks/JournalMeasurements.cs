using System.Diagnostics;
using System.Globalization;
using HealingCompass.Data;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Domain.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Benchmarks;

/// <summary>
/// The journal with 10,000 entries for one person: the list's first page and a search over every entry, each
/// against a floor measured in the same run — the same query (same joins, order and page; for search every row
/// read, parsed and matched) over the same rows stored as plaintext in a SQLite file of its own, through raw
/// Microsoft.Data.Sqlite without EF. The ratio is what EF and the encryption cost on top.
/// </summary>
internal static class JournalMeasurements
{
    private const int Entries = 10_000;
    private const string Term = "bus stop";

    public static async Task RunAsync()
    {
        await using var bench = await BenchDatabase.CreateAsync("journal");
        var store = bench.Services.GetRequiredService<JournalStore>();
        var contexts = bench.Contexts;
        var folder = bench.Folder;
        var user = bench.User;
        using var key = DataKey.Create();
        var random = new Random(10);
        var fill = Stopwatch.StartNew();
        for (var i = 0; i < Entries; i++)
        {
            await store.CreateAsync(user.Id, key, Entry(random, i));
        }
        Console.WriteLine($"Wrote {Entries:N0} entries through the store in {fill.Elapsed.TotalSeconds:F0} s.");

        if (Environment.GetEnvironmentVariable("JOURNAL_BENCH_SQL") is not null)
        {
            await using var db = await contexts.CreateDbContextAsync();
            Console.WriteLine(JournalStore.ListQueryForDiagnostics(db, user.Id, 20));
        }
        var plainPath = Path.Combine(folder, "plain.db");
        await CopyAsPlaintextAsync(contexts, store, user.Id, key, plainPath);
        // Like the store, the floor takes a pooled connection per call (a data layer without EF would too).
        var plain = $"Data Source={plainPath}";

        var listCount = 0;
        var rows = new List<(string Name, Stats Real, Stats Floor, double Budget)>
        {
            ("First page of the list (20 of 10,000)",
                await MeasureAsync(60, async () => listCount = (await store.ListAsync(user.Id, key, new JournalQuery())).Entries.Count),
                await MeasureAsync(60, () => PlainListAsync(plain, user.Id)), 2.0),
        };
        var found = 0;
        var plainFound = 0;
        rows.Add(("Search over all 10,000 entries",
            await MeasureAsync(15, async () => found = (await store.ListAsync(user.Id, key, new JournalQuery { Search = Term })).Total),
            await MeasureAsync(15, async () => plainFound = await PlainSearchAsync(plain, user.Id)), 4.0));
        if (listCount != 20 || found != plainFound || found == 0)
        {
            throw new InvalidOperationException($"The two sides disagree: list {listCount}, search {found} vs {plainFound}.");
        }

        Console.WriteLine($"| Operation ({Entries:N0} entries, one person) | Median | p95 | Floor median | Floor p95 | Ratio (median) | Budget |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, real, floor, budget) in rows)
        {
            var ratio = real.Median / floor.Median;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {real.Median:F2} ms | {real.P95:F2} ms | {floor.Median:F2} ms | {floor.P95:F2} ms | {ratio:F2}× | ≤ {budget:F0}× {(ratio <= budget ? "✅" : "❌")} |"));
        }
        Console.WriteLine($"Search matched {found:N0} entries on both sides.");
    }

    /// <summary>An entry of about 60 words from a small vocabulary, with a severity, a category and a day.</summary>
    internal static EntryContent Entry(Random random, int i)
    {
        string[] words = ["shouted", "door", "phone", "money", "kitchen", "car", "silence", "message", "bus stop", "school", "late", "keys"];
        var text = string.Join(' ', Enumerable.Range(0, 60).Select(_ => words[random.Next(words.Length)]));
        return new EntryContent
        {
            WhatHappened = $"Entry {i}: {text}",
            Severity = random.Next(1, 6),
            Categories = [JournalCategories.All[random.Next(JournalCategories.All.Count)].Id],
            HowItFelt = random.Next(2) == 0 ? "Small and shaky afterwards" : null,
            Happened = new HappenedAt(new DateOnly(2025, 1, 1).AddDays(random.Next(600))),
        };
    }

    /// <summary>The same rows, decrypted once, into tables of the same shape with the content as plain JSON.</summary>
    private static async Task CopyAsPlaintextAsync(IDbContextFactory<HealingCompassDbContext> contexts, JournalStore store, string userId, DataKey key, string path)
    {
        await using var plain = new SqliteConnection($"Data Source={path}");
        await plain.OpenAsync();
        await using (var create = plain.CreateCommand())
        {
            create.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE Entries (Id TEXT PRIMARY KEY, UserId TEXT NOT NULL, CreatedUtc TEXT NOT NULL, UpdatedUtc TEXT NOT NULL, VersionCount INTEGER NOT NULL, State INTEGER NOT NULL);
                CREATE INDEX IX_Entries ON Entries (UserId, State, CreatedUtc);
                CREATE TABLE Versions (Id TEXT PRIMARY KEY, UserId TEXT NOT NULL, EntryId TEXT NOT NULL, VersionNumber INTEGER NOT NULL);
                CREATE INDEX IX_Versions ON Versions (EntryId, VersionNumber);
                CREATE TABLE Contents (VersionId TEXT PRIMARY KEY, Content TEXT NOT NULL);
                """;
            await create.ExecuteNonQueryAsync();
        }
        await using var db = await contexts.CreateDbContextAsync();
        var entries = await db.JournalEntries.AsNoTracking().Where(e => e.UserId == userId).ToListAsync();
        var versions = await db.JournalVersions.AsNoTracking().Where(v => v.UserId == userId).ToListAsync();
        var all = (await store.AllAsync(userId, key)).ToDictionary(s => s.Id);
        await using var transaction = await plain.BeginTransactionAsync();
        foreach (var e in entries)
        {
            await ExecAsync(plain, "INSERT INTO Entries VALUES ($a, $b, $c, $d, $e, $f)", e.Id.ToString(), e.UserId, e.CreatedUtc.ToString("O", CultureInfo.InvariantCulture), e.UpdatedUtc.ToString("O", CultureInfo.InvariantCulture), e.VersionCount, (int)e.State);
        }
        foreach (var v in versions)
        {
            await ExecAsync(plain, "INSERT INTO Versions VALUES ($a, $b, $c, $d)", v.Id.ToString(), v.UserId, v.EntryId.ToString(), v.VersionNumber);
            await ExecAsync(plain, "INSERT INTO Contents VALUES ($a, $b)", v.Id.ToString(), System.Text.Encoding.UTF8.GetString(EntryJson.Write(all[v.EntryId].Content!)));
        }
        await transaction.CommitAsync();
    }

    private const string LatestSql = """
        SELECT e.Id, e.CreatedUtc, e.UpdatedUtc, e.VersionCount, v.Id, c.Content
        FROM Entries e
        JOIN Versions v ON v.EntryId = e.Id AND v.VersionNumber = e.VersionCount
        JOIN Contents c ON c.VersionId = v.Id
        WHERE e.UserId = $user AND e.State = 1
        ORDER BY e.CreatedUtc DESC, e.Id
        """;

    private static async Task PlainListAsync(string connectionString, string userId)
    {
        await using var plain = new SqliteConnection(connectionString);
        await plain.OpenAsync();
        await using (var count = plain.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM Entries WHERE UserId = $user AND State = 1";
            count.Parameters.AddWithValue("$user", userId);
            _ = await count.ExecuteScalarAsync();
        }
        await using var command = plain.CreateCommand();
        command.CommandText = LatestSql + " LIMIT 20 OFFSET 0";
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            _ = EntryJson.Read(System.Text.Encoding.UTF8.GetBytes(reader.GetString(5)));
        }
    }

    private static async Task<int> PlainSearchAsync(string connectionString, string userId)
    {
        await using var plain = new SqliteConnection(connectionString);
        await plain.OpenAsync();
        await using var command = plain.CreateCommand();
        command.CommandText = LatestSql;
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync();
        var found = 0;
        while (await reader.ReadAsync())
        {
            if (EntryJson.Read(System.Text.Encoding.UTF8.GetBytes(reader.GetString(5))).Content.Mentions(Term))
            {
                found++;
            }
        }
        return found;
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql, params object[] values)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), values[i]);
        }
        await command.ExecuteNonQueryAsync();
    }

    internal sealed record Stats(double Median, double P95);

    internal static async Task<Stats> MeasureAsync(int runs, Func<Task> operation)
    {
        for (var i = 0; i < 3; i++)
        {
            await operation(); // warm up
        }
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await operation();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Summarise(times);
    }

    /// <summary>
    /// Two operations measured in turn, one run of each per round, each after a full collection: on a shared
    /// machine whose speed drifts, both sides see the same moments, and neither pays for the other's garbage.
    /// </summary>
    internal static (Stats First, Stats Second) MeasurePair(int runs, Action first, Action second)
    {
        for (var i = 0; i < 3; i++)
        {
            first(); // warm up
            second();
        }
        var a = new List<double>(runs);
        var b = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            a.Add(TimeAfterCollection(first));
            b.Add(TimeAfterCollection(second));
        }
        return (Summarise(a), Summarise(b));
    }

    private static double TimeAfterCollection(Action operation)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        operation();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static Stats Summarise(List<double> times)
    {
        times.Sort();
        return new Stats(times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }
}
