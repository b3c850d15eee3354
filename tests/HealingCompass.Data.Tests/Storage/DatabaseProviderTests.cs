using HealingCompass.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Data.Tests.Storage;

/// <summary>
/// <c>Database:Provider</c>: SQLite unless it says otherwise, PostgreSQL in any letter case, and a clear stop at
/// start for a name the app does not know or a PostgreSQL set-up without its connection string.
/// </summary>
public sealed class DatabaseProviderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"healingcompass-provider-setting-tests-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("SQLITE", DatabaseProvider.Sqlite)]
    [InlineData("PostgreSql", DatabaseProvider.PostgreSql)]
    [InlineData("postgresql", DatabaseProvider.PostgreSql)]
    [InlineData(" POSTGRESQL ", DatabaseProvider.PostgreSql)]
    public void The_provider_is_read_in_any_letter_case_and_is_sqlite_when_unset(string? configured, DatabaseProvider expected) =>
        Assert.Equal(expected, DependencyInjection.ReadProvider(Configuration(configured, connectionString: null)));

    [Fact]
    public async Task Without_a_provider_the_app_keeps_its_data_in_its_sqlite_file()
    {
        await using var services = AddData(provider: null, connectionString: null);
        await using var db = await services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

        Assert.True(db.Database.IsSqlite());
        Assert.Equal(Path.Combine(root, "data", DataStorage.DatabaseFileName), services.GetRequiredService<DataStorage>().DatabasePath);
    }

    [Fact]
    public async Task PostgreSql_uses_the_configured_connection_string_and_keeps_no_sqlite_file()
    {
        await using var services = AddData("PostgreSql", "Host=never-opened.invalid;Database=healingcompass");
        await using var db = await services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

        Assert.True(db.Database.IsNpgsql());
        Assert.Contains("never-opened.invalid", db.Database.GetConnectionString(), StringComparison.Ordinal);
        var storage = services.GetRequiredService<DataStorage>();
        Assert.Null(storage.DatabasePath);
        Assert.True(Directory.Exists(storage.KeyRingDirectory));
        Assert.Empty(Directory.EnumerateFiles(storage.DataDirectory));
    }

    [Fact]
    public void An_unknown_provider_stops_the_app_at_start_and_names_the_ones_it_knows()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AddData("MySql", connectionString: null));

        Assert.Contains("Database:Provider is \"MySql\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite", error.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSql", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void PostgreSql_without_a_connection_string_stops_the_app_at_start_and_says_which_setting(string? connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AddData("PostgreSql", connectionString));

        Assert.Contains("ConnectionStrings:HealingCompass", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider AddData(string? provider, string? connectionString) =>
        new ServiceCollection().AddData(Configuration(provider, connectionString), root).BuildServiceProvider();

    private IConfiguration Configuration(string? provider, string? connectionString)
    {
        var settings = new Dictionary<string, string?>
        {
            [DataStorage.DataDirectorySetting] = Path.Combine(root, "data"),
            [DependencyInjection.ProviderSetting] = provider,
            [$"ConnectionStrings:{DependencyInjection.ConnectionStringName}"] = connectionString,
        };
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
