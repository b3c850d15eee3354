using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace HealingCompass.Data.Tests.Support;

/// <summary>
/// SHA-256 hashes of one person's rows in every table of a real SQLite file, read straight from the file (not
/// through EF): every table with a <c>UserId</c> column gives the rows with that id, <c>AspNetUsers</c> gives the
/// account's own row. Rows are written out column by column and sorted, so the digest changes exactly when
/// something saved for that person changed, in whichever table a later migration adds.
/// </summary>
internal static class DatabaseDigest
{
    /// <summary>The digest of <paramref name="userId"/>'s rows, table by table (name, row count, hash), leaving out <paramref name="exceptTables"/>.</summary>
    public static async Task<string> OfPersonAsync(string connectionString, string userId, params string[] exceptTables)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var digest = new List<string>();
        foreach (var table in await TablesAsync(connection))
        {
            if (exceptTables.Contains(table, StringComparer.Ordinal))
            {
                continue;
            }
            var columns = await ColumnsAsync(connection, table);
            var owner = table == "AspNetUsers" ? "Id" : columns.Contains("UserId", StringComparer.Ordinal) ? "UserId" : null;
            if (owner is null)
            {
                continue;
            }
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{owner}\" = $user";
            command.Parameters.AddWithValue("$user", userId);
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append('|').Append(reader.GetName(i)).Append('=').Append(Cell(reader, i));
                }
                lines.Add(row.ToString());
            }
            lines.Sort(StringComparer.Ordinal);
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
            // Readable where it differs: each table's row count and the start of its rows' hash.
            digest.Add($"{table}={lines.Count}:{hash[..16]}");
        }
        return string.Join(' ', digest);
    }

    private static async Task<List<string>> TablesAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    private static async Task<List<string>> ColumnsAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}')";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }

    private static string Cell(SqliteDataReader reader, int i) =>
        reader.IsDBNull(i) ? "null" : reader.GetValue(i) switch
        {
            byte[] bytes => Convert.ToHexString(bytes),
            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
            var value => value.ToString() ?? "",
        };
}
