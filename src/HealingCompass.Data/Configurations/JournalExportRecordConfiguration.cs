using HealingCompass.Data.Accounts;
using HealingCompass.Data.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

internal sealed class JournalExportRecordConfiguration : IEntityTypeConfiguration<JournalExportRecord>
{
    public void Configure(EntityTypeBuilder<JournalExportRecord> builder)
    {
        builder.ToTable("JournalExportRecords");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.UserId);
        builder.Property(r => r.Payload).IsRequired();
        // Deleting an account deletes its export records with it.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
