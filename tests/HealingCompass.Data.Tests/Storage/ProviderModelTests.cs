using HealingCompass.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Data.Tests.Storage;

/// <summary>
/// Both providers' models, each built the way the app builds it (<c>AddData</c> with <c>Database:Provider</c>):
/// each is fully captured by its own migrations, and the two describe the same schema. No PostgreSQL server is
/// needed: building a model and comparing it with a migration snapshot never opens a connection.
/// </summary>
public sealed class ProviderModelTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"healingcompass-provider-tests-{Guid.NewGuid():N}");

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Each_providers_model_is_fully_captured_by_its_own_migrations(string provider)
    {
        await using var services = AddData(provider);
        await using var db = await services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The {provider} model has changes its migrations do not capture: add a migration to "
            + (provider == "Sqlite" ? "src/HealingCompass.Data." : "src/HealingCompass.Data.PostgreSql (--project and --startup-project both that one)."));
    }

    [Fact]
    public async Task Each_provider_reads_only_its_own_migrations()
    {
        await using var sqlite = await OpenAsync("Sqlite");
        await using var postgreSql = await OpenAsync("PostgreSql");

        Assert.True(sqlite.Database.IsSqlite());
        Assert.True(postgreSql.Database.IsNpgsql());
        Assert.Contains(sqlite.Database.GetMigrations(), m => m.EndsWith("_InitialAccounts", StringComparison.Ordinal));
        Assert.Contains(postgreSql.Database.GetMigrations(), m => m.EndsWith("_InitialPostgreSql", StringComparison.Ordinal));
        Assert.Empty(sqlite.Database.GetMigrations().Intersect(postgreSql.Database.GetMigrations()));
    }

    [Fact]
    public async Task Both_providers_describe_the_same_tables_columns_keys_and_indexes()
    {
        await using var sqlite = await OpenAsync("Sqlite");
        await using var postgreSql = await OpenAsync("PostgreSql");

        var sqliteSchema = Describe(sqlite);
        var postgreSqlSchema = Describe(postgreSql);

        var onlySqlite = sqliteSchema.Except(postgreSqlSchema).Select(line => "  only on SQLite:     " + line);
        var onlyPostgreSql = postgreSqlSchema.Except(sqliteSchema).Select(line => "  only on PostgreSQL: " + line);
        var differences = onlySqlite.Concat(onlyPostgreSql).ToList();
        Assert.True(differences.Count == 0, "The two providers' schemas differ:\n" + string.Join('\n', differences));
        Assert.Contains(sqliteSchema, line => line.StartsWith("table JournalVersions", StringComparison.Ordinal));
    }

    /// <summary>
    /// One line per table, column, key, foreign key and index, leaving out what is the provider's own business:
    /// store types and an index filter's SQL (whether there is a filter is kept).
    /// </summary>
    private static SortedSet<string> Describe(HealingCompassDbContext db)
    {
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in model.Tables)
        {
            var name = table.SchemaQualifiedName;
            lines.Add($"table {name}");
            foreach (var column in table.Columns)
            {
                lines.Add($"table {name} column {column.Name}: {(column.IsNullable ? "null" : "not null")}, max length {column.MaxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, {column.ProviderClrType.Name}");
            }
            if (table.PrimaryKey is { } primaryKey)
            {
                lines.Add($"table {name} primary key {primaryKey.Name} ({Columns(primaryKey.Columns)})");
            }
            foreach (var unique in table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()))
            {
                lines.Add($"table {name} unique {unique.Name} ({Columns(unique.Columns)})");
            }
            foreach (var foreignKey in table.ForeignKeyConstraints)
            {
                lines.Add($"table {name} foreign key {foreignKey.Name} ({Columns(foreignKey.Columns)}) -> {foreignKey.PrincipalTable.SchemaQualifiedName} ({Columns(foreignKey.PrincipalColumns)}) on delete {foreignKey.OnDeleteAction}");
            }
            foreach (var index in table.Indexes)
            {
                lines.Add($"table {name} index {index.Name} ({Columns(index.Columns)}){(index.IsUnique ? " unique" : "")}{(index.Filter is null ? "" : " filtered")}");
            }
        }
        return lines;
    }

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(c => c.Name));

    private async Task<HealingCompassDbContext> OpenAsync(string provider)
    {
        // The context keeps its options; the provider that made it can go with the test's other folders.
        var services = AddData(provider);
        disposables.Add(services);
        return await services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
    }

    private readonly List<ServiceProvider> disposables = [];

    private ServiceProvider AddData(string provider)
    {
        var dataDirectory = Path.Combine(root, provider);
        var settings = new Dictionary<string, string?>
        {
            [DataStorage.DataDirectorySetting] = dataDirectory,
            [DependencyInjection.ProviderSetting] = provider,
        };
        if (provider == "PostgreSql")
        {
            // Never opened: .invalid names no host anywhere.
            settings[$"ConnectionStrings:{DependencyInjection.ConnectionStringName}"] = "Host=never-opened.invalid;Database=healingcompass";
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddData(configuration, dataDirectory).BuildServiceProvider();
    }

    public void Dispose()
    {
        foreach (var services in disposables)
        {
            services.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
