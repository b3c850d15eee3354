using HealingCompass.Data.Accounts;
using HealingCompass.Data.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

internal sealed class SavedAssessmentConfiguration : IEntityTypeConfiguration<SavedAssessment>
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
        builder.HasIndex(a => a.UserId, OneDraftPerPersonIndex).IsUnique().HasFilter("\"IsDraft\" = 1");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
