using HealingCompass.Data.Accounts;
using HealingCompass.Data.MyData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

internal sealed class DataImportConfiguration : IEntityTypeConfiguration<DataImport>
{
    public void Configure(EntityTypeBuilder<DataImport> builder)
    {
        builder.ToTable("DataImports");
        builder.HasKey(i => i.UserId);
        builder.HasOne<ApplicationUser>().WithOne().HasForeignKey<DataImport>(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
