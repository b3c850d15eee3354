using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace HealingCompass.Data.Tests.Support;

/// <summary>
/// SHA-256 hashes of one person's rows in every table of a real database (SQLite or PostgreSQL), read with plain
/// SQL (not through EF): every table with a <c>UserId</c> column gives the rows with that id, <c>AspNetUsers</c> gives the
/// account's own row. Rows are written out column by column and sorted, so the digest changes exactly when
/// something saved for that person changed, in whichever table a later migration adds.
/// </summary>
internal static class DatabaseDigest
{
    /// <summary>The digest of <paramref name="userId"/>'s rows, table by table (name, row count, hash), leaving out <paramref name="exceptTables"/>.</summary>
    public static async Task<string> OfPersonAsync(string sqliteConnectionString, string userId, params string[] exceptTables)
    {
        await using var connection = new SqliteConnection(sqliteConnectionString);
        return await OfPersonAsync(connection, postgres: false, userId, exceptTables);
    }

    /// <summary>The same through a connection of either provider (opened here).</summary>
    public static async Task<string> OfPersonAsync(DbConnection connection, bool postgres, string userId, params string[] exceptTables)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.OpenAsync();
        var digest = new List<string>();
        foreach (var table in await ListAsync(connection, postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        {
            if (exceptTables.Contains(table, StringComparer.Ordinal))
            {
                continue;
            }
            var quoted = table.Replace("'", "''", StringComparison.Ordinal);
            var columns = await ListAsync(connection, postgres
                ? $"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{quoted}'"
                : $"SELECT name FROM pragma_table_info('{quoted}')");
            var owner = table == "AspNetUsers" ? "Id" : columns.Contains("UserId", StringComparer.Ordinal) ? "UserId" : null;
            if (owner is null)
            {
                continue;
            }
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{owner}\" = @user";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@user";
            parameter.Value = userId;
            command.Parameters.Add(parameter);
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

    private static async Task<List<string>> ListAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private static string Cell(DbDataReader reader, int i) =>
        reader.IsDBNull(i) ? "null" : reader.GetValue(i) switch
        {
            byte[] bytes => Convert.ToHexString(bytes),
            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
            var value => value.ToString() ?? "",
        };
}
