using HealingCompass.Data.Activity;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.CheckIns;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Data.Journal;
using HealingCompass.Data.MyData;
using HealingCompass.Data.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealingCompass.Data;

/// <summary>How the persistence layer registers itself.</summary>
public static class DependencyInjection
{
    public const string ConnectionStringName = "HealingCompass";

    /// <summary>The setting that picks the database: <c>Sqlite</c> (the default) or <c>PostgreSql</c>, any letter case.</summary>
    public const string ProviderSetting = "Database:Provider";

    /// <summary>The project that holds PostgreSQL's own migrations (SQLite's stay in this one).</summary>
    public const string PostgreSqlMigrationsAssembly = "HealingCompass.Data.PostgreSql";

    /// <summary>
    /// The configured provider. An unknown name stops the app at start, so a typo never quietly falls back to a
    /// local SQLite file while the operator believes the data goes to their server.
    /// </summary>
    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[ProviderSetting];
        if (string.IsNullOrWhiteSpace(configured) || string.Equals(configured.Trim(), "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }
        if (string.Equals(configured.Trim(), "PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.PostgreSql;
        }
        throw new InvalidOperationException(
            $"{ProviderSetting} is \"{configured}\", which this app does not know. Use Sqlite (the default) or PostgreSql.");
    }

    /// <summary>
    /// SQLite by default with zero set-up (PostgreSQL when <see cref="ProviderSetting"/> says so): without a connection string the database is
    /// <c>healingcompass.db</c> in the data folder (<see cref="DataStorage"/>: <c>Storage:DataDirectory</c>,
    /// by default the per-user application data folder, never inside the source tree).
    /// </summary>
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = ReadProvider(configuration);
        var storage = DataStorage.Prepare(configuration, contentRoot, sqlite: provider == DatabaseProvider.Sqlite);
        services.AddSingleton(storage);
        // The factory serves interactive components and the stores (one short-lived context per operation),
        // pooled because a context per call was a large part of a short query; Identity's stores on the static
        // account pages take a scoped context from the same pool.
        switch (provider)
        {
            case DatabaseProvider.PostgreSql:
                var connectionString = configuration.GetConnectionString(ConnectionStringName);
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"{ProviderSetting} is PostgreSql, so the app needs a connection string to reach it: set ConnectionStrings:{ConnectionStringName} " +
                        $"(for example the environment variable ConnectionStrings__{ConnectionStringName}).");
                }
                // The SQLite interceptors (pragmas, read-only connections, checkpoints) have no meaning here.
                services.AddPooledDbContextFactory<HealingCompassDbContext>(options => options
                    .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly)));
                break;
            default:
                services.AddPooledDbContextFactory<HealingCompassDbContext>(options => options
                    .UseSqlite(storage.ConnectionString)
                    .AddInterceptors(new SqlitePragmas(), new ReadOnlyConnections(), new CheckpointAfterDelete()));
                break;
        }
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>().CreateDbContext());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SavedAssessmentStore>();
        services.AddSingleton(_ => CheckInQuestions.Default);
        // Weeks read their own clock (the app's by default), so a test can move the weeks on without also
        // expiring sign-ins and auto-locking keys, which read the TimeProvider itself.
        services.TryAddSingleton(sp => new CheckInClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PlanStore>();
        services.AddSingleton<CheckInStore>();
        services.AddSingleton<JournalStore>();
        services.AddSingleton<JournalExporter>();
        services.AddSingleton<DatabaseBackup>();
        services.AddSingleton<ActivityStore>();
        services.AddSingleton<MyDataExporter>();
        services.AddSingleton<MyDataImporter>();
        services.AddSingleton<Journal.Attachments.JournalAttachmentStore>();
        services.AddSingleton<Accounts.AccountEraser>();
        services.AddSingleton<Accounts.AttemptCounter>();
        return services;
    }

    /// <summary>Applies pending migrations. Called once at start; never EnsureCreated.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The databases the app can keep its data in.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
