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

    /// <summary>
    /// SQLite by default with zero set-up: without a connection string the database is
    /// <c>healingcompass.db</c> in the data folder (<see cref="DataStorage"/>: <c>Storage:DataDirectory</c>,
    /// by default the per-user application data folder, never inside the source tree).
    /// </summary>
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var storage = DataStorage.Prepare(configuration, contentRoot);
        services.AddSingleton(storage);
        var checkpoint = new CheckpointAfterDelete();
        // The factory serves interactive components and the stores (one short-lived context per operation),
        // pooled because a context per call was a large part of a short query; Identity's stores on the static
        // account pages take a scoped context from the same pool.
        services.AddPooledDbContextFactory<HealingCompassDbContext>(options => options
            .UseSqlite(storage.ConnectionString)
            .AddInterceptors(new SqlitePragmas(), new ReadOnlyConnections(), checkpoint));
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
