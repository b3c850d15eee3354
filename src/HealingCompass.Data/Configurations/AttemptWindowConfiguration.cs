using HealingCompass.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

internal sealed class AttemptWindowConfiguration : IEntityTypeConfiguration<AttemptWindow>
{
    public void Configure(EntityTypeBuilder<AttemptWindow> builder)
    {
        builder.ToTable("AttemptWindows");
        builder.HasKey(w => w.Key);
        builder.Property(w => w.Key).HasMaxLength(64);
        // The sweep deletes by age.
        builder.HasIndex(w => w.WindowStart);
    }
}
