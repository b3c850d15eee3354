using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

internal sealed class JournalAttachmentConfiguration : IEntityTypeConfiguration<JournalAttachment>
{
    public void Configure(EntityTypeBuilder<JournalAttachment> builder)
    {
        builder.ToTable("JournalAttachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Payload).IsRequired();
        builder.HasIndex(a => new { a.UserId, a.EntryId });
        // Deleting the entry (or the account, through it) deletes its files.
        builder.HasOne<JournalEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}
