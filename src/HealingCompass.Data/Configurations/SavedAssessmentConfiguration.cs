using HealingCompass.Data.Accounts;
using HealingCompass.Data.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

/// <summary>Saved assessments; built by the context, which says whether the database is SQLite.</summary>
/// <param name="sqlite">SQLite keeps booleans as 0 and 1; PostgreSQL has a real boolean and will not compare it with 1.</param>
internal sealed class SavedAssessmentConfiguration(bool sqlite) : IEntityTypeConfiguration<SavedAssessment>
{
    internal const string OneDraftPerPersonIndex = "IX_SavedAssessments_OneDraftPerPerson";

    public void Configure(EntityTypeBuilder<SavedAssessment> builder)
    {
        builder.ToTable("SavedAssessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Payload).IsRequired();
        builder.HasIndex(a => new { a.UserId, a.IsDraft });
        // One draft per person: a second one can only come from outside the app (a row moved or copied in the
        // file), and would make "resume my draft" ambiguous. The OneDraftPerPerson migration explains what it kept.
        builder.HasIndex(a => a.UserId, OneDraftPerPersonIndex).IsUnique().HasFilter(sqlite ? "\"IsDraft\" = 1" : "\"IsDraft\"");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
