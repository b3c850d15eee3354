using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Benchmarks;

/// <summary>
/// A migrated SQLite file with the app's Data layer (its PRAGMAs, pooled contexts and stores) in a throwaway
/// folder, and one person to write for; gone, folder and all, when disposed.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string folder, ServiceProvider services, ApplicationUser user)
    {
        Folder = folder;
        Services = services;
        User = user;
    }

    public string Folder { get; }

    public ServiceProvider Services { get; }

    public ApplicationUser User { get; }

    public IDbContextFactory<HealingCompassDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();

    public static async Task<BenchDatabase> CreateAsync(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"healingcompass-{name}-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DependencyInjection.ConnectionStringName}"] = $"Data Source={Path.Combine(folder, "healingcompass.db")}",
            [HealingCompass.Data.Storage.DataStorage.DataDirectorySetting] = folder,
        }).Build();
        var services = new ServiceCollection().AddData(configuration, folder).BuildServiceProvider();
        await services.MigrateDatabaseAsync();
        var user = new ApplicationUser { UserName = "bench", NormalizedUserName = "BENCH", SecurityStamp = "s" };
        await using (var db = await services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>().CreateDbContextAsync())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        return new BenchDatabase(folder, services, user);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
