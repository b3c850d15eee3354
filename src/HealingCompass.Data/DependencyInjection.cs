using HealingCompass.Data.Assessments;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealingCompass.Data;

/// <summary>How the persistence layer registers itself.</summary>
public static class DependencyInjection
{
    public const string ConnectionStringName = "HealingCompass";

    /// <summary>
    /// SQLite by default with zero set-up: without a connection string the database lives in
    /// <c>App_Data/healingcompass.db</c> under the app's content root.
    /// </summary>
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connectionString = ResolveConnectionString(configuration.GetConnectionString(ConnectionStringName), contentRoot);
        // The factory serves interactive components (one short-lived context per operation); it also
        // registers a scoped context for Identity's stores on the static account pages.
        services.AddDbContextFactory<HealingCompassDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SavedAssessmentStore>();
        return services;
    }

    /// <summary>Applies pending migrations. Called once at start; never EnsureCreated.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/healingcompass.db" : configured);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }
        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        return builder.ToString();
    }
}
