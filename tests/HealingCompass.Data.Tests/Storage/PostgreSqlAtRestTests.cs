using System.Text;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Tests.Storage;

/// <summary>
/// On PostgreSQL the at-rest checks read what a copy of the server's disk or a backup holds: the database's own
/// table files in the cluster, the cluster's WAL and <c>pg_dump</c>'s output. These prove the scan is real (it
/// finds ciphertext that is stored) and that words typed in are in none of them.
/// </summary>
public sealed class PostgreSqlAtRestTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_scan_finds_stored_ciphertext_in_the_table_files_and_in_pg_dump_but_never_the_words()
    {
        await using var database = await TestDatabase.CreateAsync(provider: DatabaseProvider.PostgreSql);
        using var account = await database.AddAccountAsync("postgres.at.rest");
        var sentinel = Sentinels.New();
        var id = (await database.Journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = $"Written down {sentinel}", Place = sentinel }, Cancel)).EntryId!.Value;
        byte[] payload;
        await using (var db = await database.OpenAsync())
        {
            var version = await db.JournalVersions.SingleAsync(v => v.EntryId == id, Cancel);
            payload = (await db.JournalContents.SingleAsync(c => c.VersionId == version.Id, Cancel)).Payload;
        }
        var ciphertext = payload.AsSpan(13, 32).ToArray();

        await database.CheckpointAsync();
        var files = database.ReadFiles();

        var dump = Assert.Single(files, f => f.IsDump);
        Assert.Contains("COPY public.\"JournalContents\"", Encoding.UTF8.GetString(dump.Bytes), StringComparison.Ordinal);
        Assert.True(dump.Contains(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(ciphertext))), "pg_dump should hold the ciphertext, as hex.");
        Assert.Contains(files, f => !f.IsDump && f.Contains(ciphertext)); // a table file holds the raw bytes
        Sentinels.AssertFoundNowhere(files, Sentinels.Needles(sentinel), "after a checkpoint");
        Assert.Equal(sentinel, (await database.Journal.GetAsync(account.UserId, account.Key, id, Cancel))!.Latest!.Content!.Place);
    }
}
