using HealingCompass.Data;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Plans;
using HealingCompass.Data.Storage;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.CrashRun;

/// <summary>
/// The app's Data layer on the run's data folder, registered by the app's own <c>AddData</c> (so every
/// connection gets the app's PRAGMAs, <c>synchronous = FULL</c> among them) and nothing else.
/// </summary>
public sealed class DataAccess : IAsyncDisposable
{
    private static readonly string[] PlanSteps = ["step.personal.reconnect", "step.personal.soothing_ritual"];

    private DataAccess(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static DataAccess Open(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DataStorage.DataDirectorySetting] = dataDirectory })
            .Build();
        return new DataAccess(new ServiceCollection().AddData(configuration, dataDirectory).BuildServiceProvider());
    }

    /// <summary>The person's id and data key, unlocked with their password the way sign-in does.</summary>
    public async Task<(string UserId, DataKey Key)> UnlockAsync(string userName, CancellationToken cancellationToken)
    {
        await using var db = await Get<IDbContextFactory<HealingCompassDbContext>>().CreateDbContextAsync(cancellationToken);
        var normalized = userName.ToUpperInvariant();
        var userId = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).SingleAsync(cancellationToken);
        var stored = await db.Keyrings.AsNoTracking().SingleAsync(k => k.UserId == userId, cancellationToken);
        return (userId, Keyring.FromBlobs(stored.PasswordWrapped, stored.RecoveryWrapped).UnlockWithPassword(userId, People.Password));
    }

    /// <summary>A kept plan with a Sunday check-in, as <c>/my-plan</c> saves it, so check-ins have a schedule.</summary>
    public async Task KeepPlanAsync(string userId, DataKey key, CancellationToken cancellationToken)
    {
        var plans = Get<PlanStore>();
        if (await plans.LoadAsync(userId, key, cancellationToken) is not null)
        {
            return;
        }
        var steps = PlanSteps.Select(id =>
        {
            if (!ContentCatalog.Default.TryGetStep(id, out var step))
            {
                throw new InvalidOperationException($"The catalogue has no step {id}.");
            }
            return new PlanCommitment(step.Id, step.Title, step.Commitment!, step.Cadence);
        }).ToList();
        await plans.SaveAsync(userId, key,
            new PlanSettings(ContentCatalog.Default.ContentVersion, [TrackIds.PersonalHealing], DayOfWeek.Sunday, "UTC", new DateOnly(2026, 11, 1), null),
            steps, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
