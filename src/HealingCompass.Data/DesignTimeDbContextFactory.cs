using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HealingCompass.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<HealingCompassDbContext>
{
    public HealingCompassDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HealingCompassDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
