using HealingCompass.Web.Components.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HealingCompass.Web.Tests.Storage;

/// <summary>
/// Which real database failures get the calm "not saved just now" answer, on both providers: the exceptions come from
/// a real SQLite file and the test run's real PostgreSQL, not from hand-made instances.
/// </summary>
public sealed class StorageTroubleTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string PostgresServer =>
        Environment.GetEnvironmentVariable("HEALINGCOMPASS_TEST_POSTGRES") is { Length: > 0 } value
            ? new NpgsqlConnectionStringBuilder(value) { Database = "postgres" }.ConnectionString
            : throw new InvalidOperationException("HEALINGCOMPASS_TEST_POSTGRES is not set: run the tests with bash tests/run.sh.");

    [Fact]
    public async Task A_postgresql_server_that_cannot_be_reached_is_storage_trouble()
    {
        // A port nobody listens on, on loopback: the connection is refused at once.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Database=none;Timeout=3;Pooling=false");

        var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync(Cancel));

        Assert.True(StorageTrouble.Is(refused));
        Assert.True(StorageTrouble.Is(new InvalidOperationException("wrapped as EF Core does", refused)));
    }

    [Fact]
    public async Task A_write_postgresql_refuses_as_read_only_is_storage_trouble_and_a_mistake_in_sql_is_not()
    {
        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(Cancel);
        }
        await using var write = new NpgsqlCommand("CREATE TEMP TABLE t (x int)", connection, transaction);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync(Cancel));
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
        await transaction.RollbackAsync(Cancel);

        await using var typo = new NpgsqlCommand("SELEC 1", connection);
        var mistake = await Assert.ThrowsAsync<PostgresException>(() => typo.ExecuteNonQueryAsync(Cancel));

        Assert.True(StorageTrouble.Is(refused));
        Assert.False(StorageTrouble.Is(mistake)); // a bug is a bug, not a full disk: it must not be hidden behind the calm page
    }

    [Fact]
    public async Task A_sqlite_file_opened_read_only_refuses_a_write_as_storage_trouble()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hc-trouble-{Guid.NewGuid():N}.db");
        try
        {
            await using (var create = new SqliteConnection($"Data Source={path};Pooling=false"))
            {
                await create.OpenAsync(Cancel);
                await using var table = create.CreateCommand();
                table.CommandText = "CREATE TABLE t (x INTEGER)";
                await table.ExecuteNonQueryAsync(Cancel);
            }
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
            await connection.OpenAsync(Cancel);
            await using var write = connection.CreateCommand();
            write.CommandText = "INSERT INTO t VALUES (1)";

            var refused = await Assert.ThrowsAsync<SqliteException>(() => write.ExecuteNonQueryAsync(Cancel));

            Assert.True(StorageTrouble.Is(refused));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
