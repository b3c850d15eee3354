using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HealingCompass.Data.PostgreSql;

/// <summary>
/// Lets `dotnet ef migrations add` build the PostgreSQL model without a server: adding a migration only reads the
/// model, so the connection string names a database that is never opened.
/// </summary>
internal sealed class PostgreSqlDesignTimeDbContextFactory : IDesignTimeDbContextFactory<HealingCompassDbContext>
{
    public HealingCompassDbContext CreateDbContext(string[] args) => new(Options());

    /// <summary>The options the migrations are made with: the same migrations assembly the app names.</summary>
    internal static DbContextOptions<HealingCompassDbContext> Options() =>
        new DbContextOptionsBuilder<HealingCompassDbContext>()
            .UseNpgsql("Host=design-time.invalid;Database=healingcompass", npgsql => npgsql.MigrationsAssembly(DependencyInjection.PostgreSqlMigrationsAssembly))
            .Options;
}
