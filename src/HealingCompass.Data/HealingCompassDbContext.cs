using HealingCompass.Data.Accounts;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.Journal;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data;

/// <summary>Accounts (Identity), their wrapped keys, and the encrypted records people choose to save.</summary>
public sealed class HealingCompassDbContext(DbContextOptions<HealingCompassDbContext> options)
    : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<UserKeyring> Keyrings => Set<UserKeyring>();

    public DbSet<SavedAssessment> SavedAssessments => Set<SavedAssessment>();

    /// <summary>Live sign-ins; a cookie is valid only while its row is here.</summary>
    public DbSet<UserSession> Sessions => Set<UserSession>();

    // The private incident journal (Journal/): entries, their chained versions, encrypted content, chain heads, drafts.
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();

    public DbSet<JournalVersion> JournalVersions => Set<JournalVersion>();

    public DbSet<JournalContent> JournalContents => Set<JournalContent>();

    public DbSet<JournalHead> JournalHeads => Set<JournalHead>();

    public DbSet<JournalDraft> JournalDrafts => Set<JournalDraft>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HealingCompassDbContext).Assembly);
    }
}
