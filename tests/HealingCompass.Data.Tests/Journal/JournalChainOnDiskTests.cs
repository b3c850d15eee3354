using HealingCompass.Data.Journal;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Data.Tests.Journal;

/// <summary>The chain as stored in a real SQLite file: it verifies after many writes, and any change made to the file's rows is found and named.</summary>
public sealed class JournalChainOnDiskTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_chain_verifies_after_a_thousand_random_creates_edits_removes_and_erases()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock: clock);
        using var a = await database.AddAccountAsync("many.writes");
        using var b = await database.AddAccountAsync("interleaved");
        var random = new Random(20261202);
        var active = new List<Guid>();
        var removed = new List<Guid>();
        var heads = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 1000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(random.Next(1, 400_000)));
            var pick = random.Next(10);
            if (active.Count == 0 || pick < 4)
            {
                active.Add((await database.Journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = $"Entry {i}", Severity = random.Next(1, 6) }, Cancel)).EntryId!.Value);
            }
            else if (pick < 7)
            {
                var id = active[random.Next(active.Count)];
                Assert.Equal(JournalWriteStatus.Saved, (await database.Journal.EditAsync(a.UserId, a.Key, id, new EntryContent { WhatHappened = $"Edited at {i}" }, random.Next(2) == 0 ? null : "a reason", Cancel)).Status);
            }
            else if (pick < 8)
            {
                var id = active[random.Next(active.Count)];
                Assert.True(await database.Journal.RemoveAsync(a.UserId, a.Key, id, Cancel));
                active.Remove(id);
                removed.Add(id);
            }
            else
            {
                var pool = active.Concat(removed).ToList();
                var id = pool[random.Next(pool.Count)];
                Assert.True(await database.Journal.EraseAsync(a.UserId, id, Cancel));
                active.Remove(id);
                removed.Remove(id);
            }
            if (i % 50 == 0)
            {
                // Another person's writes in between never join this person's chain.
                await database.Journal.CreateAsync(b.UserId, b.Key, new EntryContent { WhatHappened = "B's own" }, Cancel);
            }
            Assert.True(heads.Add(VersionChain.Fingerprint(await database.Journal.GetHeadAsync(a.UserId, Cancel))));
        }

        var report = await database.Journal.VerifyAsync(a.UserId, a.Key, Cancel);
        Assert.True(report.Intact, report.FirstBreak?.Describe());
        Assert.Equal(1000, report.VersionsChecked);
        Assert.True((await database.Journal.VerifyAsync(a.UserId, null, Cancel)).Intact); // without the key too
        Assert.True((await database.Journal.VerifyAsync(b.UserId, b.Key, Cancel)).Intact);
    }

    public static TheoryData<string, ChainBreakKind> VersionColumns => new()
    {
        { "ContentDigest", ChainBreakKind.ChangedContent },
        { "WrittenAtUnixMs", ChainBreakKind.ChangedWrittenAt },
        { "Hash", ChainBreakKind.ChangedDetails },
        { "PreviousHash", ChainBreakKind.ChangedDetails },
        { "Kind", ChainBreakKind.ChangedDetails },
        { "VersionNumber", ChainBreakKind.ChangedDetails },
        { "EntryId", ChainBreakKind.ChangedDetails },
    };

    [Theory]
    [MemberData(nameof(VersionColumns))]
    public async Task Changing_one_byte_of_any_column_of_a_stored_version_is_found_and_named(string column, ChainBreakKind named)
    {
        await using var fixture = await ChainFixture.CreateAsync();
        var target = fixture.Middle;
        await using (var connection = await fixture.OpenRawAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"{column}\" FROM JournalVersions WHERE Id = $id";
            command.Parameters.AddWithValue("$id", target.Id.ToString().ToUpperInvariant());
            var value = await command.ExecuteScalarAsync(Cancel);
            Assert.NotNull(value);
            object changed = value switch
            {
                byte[] bytes => FlipFirstByte(bytes),
                long number => number + 1,
                string text => ChangeOneCharacter(text),
                _ => throw new InvalidOperationException(value.GetType().Name),
            };
            command.CommandText = $"UPDATE JournalVersions SET \"{column}\" = $value WHERE Id = $id";
            command.Parameters.AddWithValue("$value", changed);
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Cancel));
        }

        var found = (await fixture.VerifyAsync()).FirstBreak;
        Assert.NotNull(found);
        Assert.Equal(named, found.Kind);
        Assert.Equal(target.Sequence, found.Sequence);
    }

    [Fact]
    public async Task Changing_one_byte_of_a_versions_encrypted_content_is_named_as_changed_content()
    {
        await using var fixture = await ChainFixture.CreateAsync();
        await fixture.ExecuteAsync($"UPDATE JournalContents SET Payload = $value WHERE VersionId = '{fixture.Middle.Id.ToString().ToUpperInvariant()}'",
            FlipFirstByte(await fixture.ScalarAsync<byte[]>($"SELECT Payload FROM JournalContents WHERE VersionId = '{fixture.Middle.Id.ToString().ToUpperInvariant()}'"), at: 20));

        var found = (await fixture.VerifyAsync()).FirstBreak;
        Assert.Equal(ChainBreakKind.ChangedContent, found?.Kind);
        Assert.Equal(fixture.Middle.Sequence, found?.Sequence);
    }

    [Fact]
    public async Task Deleting_a_versions_content_row_is_named_as_changed_content()
    {
        await using var fixture = await ChainFixture.CreateAsync();
        await fixture.ExecuteAsync($"DELETE FROM JournalContents WHERE VersionId = '{fixture.Middle.Id.ToString().ToUpperInvariant()}'");
        Assert.Equal(ChainBreakKind.ChangedContent, (await fixture.VerifyAsync()).FirstBreak?.Kind);
    }

    [Fact]
    public async Task Deleting_a_version_row_is_named_as_a_removed_version()
    {
        await using var fixture = await ChainFixture.CreateAsync();
        await fixture.ExecuteAsync($"DELETE FROM JournalVersions WHERE Id = '{fixture.Middle.Id.ToString().ToUpperInvariant()}'");
        var found = (await fixture.VerifyAsync()).FirstBreak;
        Assert.Equal(ChainBreakKind.RemovedVersion, found?.Kind);
        Assert.Equal(fixture.Middle.Sequence, found?.Sequence);
    }

    [Fact]
    public async Task Deleting_the_last_version_row_is_named_as_a_removed_version()
    {
        await using var fixture = await ChainFixture.CreateAsync();
        await fixture.ExecuteAsync($"DELETE FROM JournalVersions WHERE UserId = '{fixture.UserId}' AND Sequence = (SELECT MAX(Sequence) FROM JournalVersions WHERE UserId = '{fixture.UserId}')");
        Assert.Equal(ChainBreakKind.RemovedVersion, (await fixture.VerifyAsync()).FirstBreak?.Kind);
    }

    [Fact]
    public async Task Reordering_two_version_rows_is_named_as_reordered()
    {
        await using var fixture = await ChainFixture.CreateAsync();
        var (first, second) = (fixture.Middle.Sequence, fixture.Middle.Sequence + 2);
        await fixture.ExecuteAsync($"UPDATE JournalVersions SET Sequence = -1 WHERE UserId = '{fixture.UserId}' AND Sequence = {first}");
        await fixture.ExecuteAsync($"UPDATE JournalVersions SET Sequence = {first} WHERE UserId = '{fixture.UserId}' AND Sequence = {second}");
        await fixture.ExecuteAsync($"UPDATE JournalVersions SET Sequence = {second} WHERE UserId = '{fixture.UserId}' AND Sequence = -1");

        var found = (await fixture.VerifyAsync()).FirstBreak;
        Assert.Equal(ChainBreakKind.ReorderedVersions, found?.Kind);
        Assert.Equal(first, found?.Sequence);
    }

    private static byte[] FlipFirstByte(byte[] bytes, int at = 0)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x01;
        return copy;
    }

    private static string ChangeOneCharacter(string text)
    {
        // A Guid stored as text: change one hex digit, so it is still a Guid (another entry's, or none).
        var chars = text.ToCharArray();
        chars[0] = chars[0] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    /// <summary>A person with a dozen versions of several kinds, one erased entry, and a version in the middle to tamper with.</summary>
    private sealed class ChainFixture : IAsyncDisposable
    {
        private readonly TestDatabase database;
        private readonly TestAccount account;

        private ChainFixture(TestDatabase database, TestAccount account, JournalVersion middle)
        {
            this.database = database;
            this.account = account;
            Middle = middle;
        }

        public JournalVersion Middle { get; }

        public string UserId => account.UserId;

        public static async Task<ChainFixture> CreateAsync()
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
            var database = await TestDatabase.CreateAsync(clock: clock);
            var account = await database.AddAccountAsync("tamper.target");
            var journal = database.Journal;
            var ids = new List<Guid>();
            for (var i = 0; i < 4; i++)
            {
                clock.Advance(TimeSpan.FromMinutes(7));
                ids.Add((await journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = $"Entry {i}" }, Cancel)).EntryId!.Value);
            }
            foreach (var id in ids)
            {
                clock.Advance(TimeSpan.FromMinutes(7));
                await journal.EditAsync(account.UserId, account.Key, id, new EntryContent { WhatHappened = $"Entry {id} edited" }, null, Cancel);
            }
            clock.Advance(TimeSpan.FromMinutes(7));
            await journal.EraseAsync(account.UserId, ids[0], Cancel);
            clock.Advance(TimeSpan.FromMinutes(7));
            await journal.RemoveAsync(account.UserId, account.Key, ids[3], Cancel);
            clock.Advance(TimeSpan.FromMinutes(7));
            await journal.EditAsync(account.UserId, account.Key, ids[1], new EntryContent { WhatHappened = "Last word" }, "clearer", Cancel);
            await using var db = await database.OpenAsync();
            // Position 6: the edit of the second entry, which has content and versions after it.
            var middle = await db.JournalVersions.AsNoTracking().SingleAsync(v => v.UserId == account.UserId && v.Sequence == 6, Cancel);
            var fixture = new ChainFixture(database, account, middle);
            Assert.True((await fixture.VerifyAsync()).Intact);
            return fixture;
        }

        public Task<ChainReport> VerifyAsync() => database.Journal.VerifyAsync(account.UserId, account.Key, Cancel);

        public async Task<SqliteConnection> OpenRawAsync()
        {
            var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(Cancel);
            return connection;
        }

        public async Task ExecuteAsync(string sql, object? value = null)
        {
            await using var connection = await OpenRawAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (value is not null)
            {
                command.Parameters.AddWithValue("$value", value);
            }
            Assert.True(await command.ExecuteNonQueryAsync(Cancel) > 0);
        }

        public async Task<T> ScalarAsync<T>(string sql)
        {
            await using var connection = await OpenRawAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (T)(await command.ExecuteScalarAsync(Cancel))!;
        }

        public async ValueTask DisposeAsync()
        {
            account.Dispose();
            await database.DisposeAsync();
        }
    }
}
