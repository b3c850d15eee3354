using HealingCompass.Data.Accounts;
using HealingCompass.Data.Activity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<ActivityRow>
{
    public void Configure(EntityTypeBuilder<ActivityRow> builder)
    {
        builder.ToTable("Activity");
        builder.HasKey(a => a.Id);
        // By name, so a reordered enum can never change what an old row says.
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Device).HasMaxLength(80).IsRequired();
        builder.Property(a => a.Network).HasMaxLength(48);
        // The page reads one person's rows newest first; the sweep reads by time alone.
        builder.HasIndex(a => new { a.UserId, a.AtUtc });
        builder.HasIndex(a => a.AtUtc);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
