using Npgsql;

namespace HealingCompass.Data.Tests.Support;

/// <summary>
/// The test run's throwaway PostgreSQL cluster, which the README's test command (<c>tests/run.sh</c>) starts on
/// loopback and names in <c>HEALINGCOMPASS_TEST_POSTGRES</c>. Each test gets a database of its own.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "HEALINGCOMPASS_TEST_POSTGRES";

    /// <summary>The cluster's server binaries (pg_dump of the same version), named by the test command.</summary>
    public const string BinVariable = "HEALINGCOMPASS_TEST_PG_BIN";

    /// <summary>The cluster's address, without a database; a clear failure (not a skip) when the run did not start one.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with the README's test command (bash tests/run.sh), which starts a throwaway PostgreSQL on loopback for them.");

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"hc_test_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return name;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        // The app's pooled connections to it are idle now; drop them with the database.
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>The cluster's data folder, named by the test command, read to see what reaches the disk.</summary>
    public const string DumpName = "pg_dump of ";

    public const string DataVariable = "HEALINGCOMPASS_TEST_PG_DATA";

    /// <summary><c>pg_dump</c>'s plain output of the database, its own files in the cluster, and the cluster's WAL.</summary>
    public static IReadOnlyList<DatabaseFile> ReadDatabase(string name)
    {
        var bin = Required(BinVariable);
        var data = Required(DataVariable);
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        var dump = new System.Diagnostics.ProcessStartInfo(Path.Combine(bin, "pg_dump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "--host", server.Host!, "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", server.Username!, "--dbname", name, "--format", "plain" },
        };
        using var process = System.Diagnostics.Process.Start(dump)!;
        using var output = new MemoryStream();
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {errors.Result}");
        Assert.True(output.Length > 0, "pg_dump wrote nothing.");
        var files = new List<DatabaseFile> { new(DumpName + name, output.ToArray()) };

        var oid = ScalarOnServer<uint>($"SELECT oid FROM pg_database WHERE datname = '{name}'");
        foreach (var path in Directory.EnumerateFiles(Path.Combine(data, "base", oid.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Concat(Directory.EnumerateFiles(Path.Combine(data, "pg_wal"))))
        {
            files.Add(DatabaseFile.Read(path));
        }
        return files;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. Run the tests with the README's test command (bash tests/run.sh).");

    private static T ScalarOnServer<T>(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}

/// <summary>Both databases the app supports, for a test that must hold on each.</summary>
public sealed class BothProviders : TheoryData<DatabaseProvider>
{
    public BothProviders()
    {
        Add(DatabaseProvider.Sqlite);
        Add(DatabaseProvider.PostgreSql);
    }
}
