using HealingCompass.Data.Accounts;
using HealingCompass.Data.Activity;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.CheckIns;
using HealingCompass.Data.Plans;
using HealingCompass.Data.Journal;
using HealingCompass.Data.MyData;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data;

/// <summary>Accounts (Identity), their wrapped keys, and the encrypted records people choose to save.</summary>
public sealed class HealingCompassDbContext(DbContextOptions<HealingCompassDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<UserKeyring> Keyrings => Set<UserKeyring>();

    public DbSet<SavedAssessment> SavedAssessments => Set<SavedAssessment>();

    /// <summary>Live sign-ins; a cookie is valid only while its row is here.</summary>
    public DbSet<UserSession> Sessions => Set<UserSession>();

    // Check-ins (issue 11): the kept plan, its commitments, and one check-in per person per week.
    public DbSet<SavedPlan> SavedPlans => Set<SavedPlan>();

    public DbSet<CommitmentRow> Commitments => Set<CommitmentRow>();

    public DbSet<CheckInRow> CheckIns => Set<CheckInRow>();
    // The private incident journal (Journal/): entries, their chained versions, encrypted content, chain heads, drafts.
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();

    public DbSet<JournalVersion> JournalVersions => Set<JournalVersion>();

    public DbSet<JournalContent> JournalContents => Set<JournalContent>();

    public DbSet<JournalHead> JournalHeads => Set<JournalHead>();

    public DbSet<JournalDraft> JournalDrafts => Set<JournalDraft>();

    // Account activity (Activity/): one readable line per sign-in, failed attempt, change or export, kept 90 days.
    public DbSet<ActivityRow> Activity => Set<ActivityRow>();
    // Take it with me (MyData/): that an account's data was brought in from an export, and when.
    public DbSet<DataImport> DataImports => Set<DataImport>();
    // Journal attachments (Journal/Attachments/): each file's original bytes, encrypted.
    public DbSet<Journal.Attachments.JournalAttachment> JournalAttachments => Set<Journal.Attachments.JournalAttachment>();
    // Journal exports (issue 12): each export's head, encrypted, so a later export can list earlier heads.
    public DbSet<JournalExportRecord> JournalExportRecords => Set<JournalExportRecord>();

    // Several instances (ADR 18): account attempts counted per minute across instances, and the Data Protection
    // key ring every instance reads (on PostgreSQL; on SQLite the ring stays in the data folder and this table is empty).
    public DbSet<AttemptWindow> AttemptWindows => Set<AttemptWindow>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Every configuration with a parameterless constructor; the one that differs by provider is applied by hand.
        builder.ApplyConfigurationsFromAssembly(typeof(HealingCompassDbContext).Assembly);
        builder.ApplyConfiguration(new Configurations.SavedAssessmentConfiguration(Database.IsSqlite()));
    }
}
