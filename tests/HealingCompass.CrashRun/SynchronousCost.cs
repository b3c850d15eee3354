using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Storage;
using HealingCompass.Domain.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.CrashRun;

/// <summary>Journal entries saved per second with one <c>synchronous</c> setting.</summary>
public sealed record WriteRate(string Synchronous, int Writes, TimeSpan Elapsed)
{
    public double PerSecond => Writes / Elapsed.TotalSeconds;
}

/// <summary>
/// What <c>synchronous = FULL</c> costs against NORMAL, in one run: the same journal store, on the same kind of
/// file (migrated, one person), saves entries one after another through its own connections, which get the
/// app's PRAGMAs with only <c>synchronous</c> changed. Rounds alternate FULL and NORMAL so the machine's load
/// falls on both. The app itself never reads this setting: its PRAGMAs are fixed in SqlitePragmas.
/// </summary>
public static class SynchronousCost
{
    public static async Task<IReadOnlyList<WriteRate>> MeasureAsync(int writesPerRound, int rounds, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"healingcompass-sync-{Guid.NewGuid():N}");
        try
        {
            var (userId, key) = await PrepareAsync(folder, cancellationToken);
            using (key)
            {
                var totals = new Dictionary<string, (int Writes, TimeSpan Elapsed)>(StringComparer.Ordinal) { ["FULL"] = (0, TimeSpan.Zero), ["NORMAL"] = (0, TimeSpan.Zero) };
                for (var round = 0; round < rounds; round++)
                {
                    foreach (var setting in new[] { "FULL", "NORMAL" })
                    {
                        var elapsed = await RoundAsync(Path.Combine(folder, DataStorage.DatabaseFileName), setting, userId, key, writesPerRound, cancellationToken);
                        var (writes, time) = totals[setting];
                        totals[setting] = (writes + writesPerRound, time + elapsed);
                    }
                }
                return [.. totals.Select(t => new WriteRate(t.Key, t.Value.Writes, t.Value.Elapsed))];
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<(string UserId, DataKey Key)> PrepareAsync(string folder, CancellationToken cancellationToken)
    {
        await using var data = DataAccess.Open(folder);
        await data.Services.MigrateDatabaseAsync(cancellationToken);
        var user = new ApplicationUser { UserName = "sync.cost", NormalizedUserName = "SYNC.COST", SecurityStamp = Guid.NewGuid().ToString("N"), CreatedUtc = DateTime.UtcNow };
        var (keyring, key, _) = Keyring.CreateForNewUser(user.Id, People.Password, KdfParameters.OwaspMinimum);
        await using var db = await data.Get<IDbContextFactory<HealingCompassDbContext>>().CreateDbContextAsync(cancellationToken);
        db.Users.Add(user);
        db.Keyrings.Add(new UserKeyring { UserId = user.Id, PasswordWrapped = keyring.PasswordWrapped.ToBlob(), RecoveryWrapped = keyring.RecoveryWrapped.ToBlob(), UpdatedUtc = DateTime.UtcNow });
        await db.SaveChangesAsync(cancellationToken);
        return (user.Id, key);
    }

    private static async Task<TimeSpan> RoundAsync(string databaseFile, string synchronous, string userId, DataKey key, int writes, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddPooledDbContextFactory<HealingCompassDbContext>(o => o
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = databaseFile }.ToString())
            .AddInterceptors(new Pragmas(synchronous)));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<JournalStore>();
        await using var provider = services.BuildServiceProvider();
        var journal = provider.GetRequiredService<JournalStore>();
        // One write first, so opening the connection and building the model are not counted.
        await journal.CreateAsync(userId, key, new EntryContent { WhatHappened = "Warming up before the count." }, cancellationToken);
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < writes; n++)
        {
            var saved = await journal.CreateAsync(userId, key, new EntryContent { WhatHappened = $"A quiet day, number {n}, written to count how fast saving is.", Severity = 1 + (n % 5) }, cancellationToken);
            if (saved.Status != JournalWriteStatus.Saved)
            {
                throw new InvalidOperationException($"An entry was not saved: {saved.Status}.");
            }
        }
        var elapsed = clock.Elapsed;
        SqliteConnection.ClearAllPools();
        return elapsed;
    }

    /// <summary>The app's PRAGMAs (SqlitePragmas) with <c>synchronous</c> as given, once per physical connection.</summary>
    private sealed class Pragmas(string synchronous) : DbConnectionInterceptor
    {
        private readonly ConditionalWeakTable<object, object> applied = [];

        private string Text => $"PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA journal_size_limit = 0;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (FirstOpen(connection))
            {
                using var command = connection.CreateCommand();
                command.CommandText = Text;
                command.ExecuteNonQuery();
            }
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (FirstOpen(connection))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = Text;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private bool FirstOpen(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || applied.TryAdd(handle, handle);
    }
}
