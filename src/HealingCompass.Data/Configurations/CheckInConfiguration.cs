using HealingCompass.Data.Accounts;
using HealingCompass.Data.CheckIns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckInRow>
{
    internal const string OnePerWeekIndex = "IX_CheckIns_OnePerPersonPerWeek";

    public void Configure(EntityTypeBuilder<CheckInRow> builder)
    {
        builder.ToTable("CheckIns");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Payload).IsRequired();
        // One per person per week: a second check-in that week edits the first.
        builder.HasIndex(c => new { c.UserId, c.Week }, OnePerWeekIndex).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
