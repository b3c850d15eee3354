using HealingCompass.Data.Accounts;
using HealingCompass.Data.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

// Deleting an account deletes its whole journal (foreign keys are on: SqlitePragmas).

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("JournalEntries");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.UserId, e.State, e.CreatedUtc });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JournalVersionConfiguration : IEntityTypeConfiguration<JournalVersion>
{
    public void Configure(EntityTypeBuilder<JournalVersion> builder)
    {
        builder.ToTable("JournalVersions");
        builder.HasKey(v => v.Id);
        // One chain per person, no forks: two writes can never take the same position.
        builder.HasIndex(v => new { v.UserId, v.Sequence }).IsUnique();
        builder.HasIndex(v => new { v.EntryId, v.VersionNumber });
        builder.Property(v => v.ContentDigest).IsRequired();
        builder.Property(v => v.PreviousHash).IsRequired();
        builder.Property(v => v.Hash).IsRequired();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JournalContentConfiguration : IEntityTypeConfiguration<JournalContent>
{
    public void Configure(EntityTypeBuilder<JournalContent> builder)
    {
        builder.ToTable("JournalContents");
        builder.HasKey(c => c.VersionId);
        builder.Property(c => c.Payload).IsRequired();
        builder.HasIndex(c => c.UserId);
        builder.HasOne<JournalVersion>().WithOne().HasForeignKey<JournalContent>(c => c.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JournalHeadConfiguration : IEntityTypeConfiguration<JournalHead>
{
    public void Configure(EntityTypeBuilder<JournalHead> builder)
    {
        builder.ToTable("JournalHeads");
        builder.HasKey(h => h.UserId);
        builder.Property(h => h.Hash).IsRequired();
        builder.HasOne<ApplicationUser>().WithOne().HasForeignKey<JournalHead>(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JournalDraftConfiguration : IEntityTypeConfiguration<JournalDraft>
{
    public void Configure(EntityTypeBuilder<JournalDraft> builder)
    {
        builder.ToTable("JournalDrafts");
        builder.HasKey(d => d.UserId);
        builder.Property(d => d.Payload).IsRequired();
        builder.HasOne<ApplicationUser>().WithOne().HasForeignKey<JournalDraft>(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
