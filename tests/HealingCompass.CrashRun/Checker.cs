using System.Globalization;
using System.Security.Cryptography;
using HealingCompass.Data.CheckIns;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Data.Storage;
using Microsoft.Data.Sqlite;

namespace HealingCompass.CrashRun;

/// <summary>What one look at the database after a kill found.</summary>
public sealed record CheckResult(bool IntegrityOk, int Checked, int Lost, bool ChainsIntact, IReadOnlyList<string> Problems);

/// <summary>
/// Opens the database after a kill, as a restarted app would (no connection of this process was open while the
/// writer ran): <c>PRAGMA integrity_check</c>, then, through the Data layer with each person's key, every
/// acknowledged entry (with the word written in it), check-in (its week, with the word in its note) and file
/// (decrypted, its SHA-256), and each person's journal chain with its contents.
/// </summary>
internal static class Checker
{
    public static async Task<CheckResult> CheckAsync(
        string dataDirectory,
        IReadOnlyList<(string UserId, DataKey Key)> people,
        IReadOnlyList<Acknowledgement> acknowledged,
        IReadOnlyList<Acknowledgement> filesToOpen,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var integrity = await IntegrityAsync(Path.Combine(dataDirectory, DataStorage.DatabaseFileName), cancellationToken);
        if (integrity != "ok")
        {
            problems.Add($"integrity_check said: {integrity}");
        }
        var lost = 0;
        var chainsIntact = true;
        await using (var data = DataAccess.Open(dataDirectory))
        {
            for (var person = 0; person < people.Count; person++)
            {
                var (userId, key) = people[person];
                var entries = (await data.Get<JournalStore>().AllAsync(userId, key, cancellationToken)).ToDictionary(e => e.Id.ToString(), e => e.Content?.WhatHappened ?? "");
                var notes = (await data.Get<CheckInStore>().LoadAllAsync(userId, key, cancellationToken))
                    .ToDictionary(c => c.Week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c => c.Answers.Note ?? "", StringComparer.Ordinal);
                foreach (var ack in acknowledged.Where(a => a.Person == person && a.Kind != WriteKind.Attachment))
                {
                    var found = ack.Kind == WriteKind.JournalEntry ? entries : notes;
                    if (!found.TryGetValue(ack.Id, out var text) || !text.Contains(ack.Proof, StringComparison.Ordinal))
                    {
                        lost++;
                        problems.Add($"lost: {ack.Kind} {ack.Id} of person {person}");
                    }
                }
                foreach (var ack in filesToOpen.Where(a => a.Person == person))
                {
                    var file = await data.Get<JournalAttachmentStore>().OpenAsync(userId, key, Guid.Parse(ack.Id), cancellationToken);
                    if (file is null || Convert.ToHexStringLower(SHA256.HashData(file.Bytes)) != ack.Proof)
                    {
                        lost++;
                        problems.Add($"lost: file {ack.Id} of person {person}");
                    }
                }
                var chain = await data.Get<JournalStore>().VerifyAsync(userId, key, cancellationToken);
                if (!chain.Intact)
                {
                    chainsIntact = false;
                    problems.Add($"journal chain of person {person} broke: {chain.FirstBreak}");
                }
            }
        }
        var checkedCount = acknowledged.Count(a => a.Kind != WriteKind.Attachment) + filesToOpen.Count;
        return new CheckResult(integrity == "ok", checkedCount, lost, chainsIntact, problems);
    }

    /// <summary>Every line <c>PRAGMA integrity_check</c> gives, on a connection of its own.</summary>
    public static async Task<string> IntegrityAsync(string databaseFile, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join("; ", lines);
    }
}
