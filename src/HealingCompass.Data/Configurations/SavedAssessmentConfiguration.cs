using HealingCompass.Data.Accounts;
using HealingCompass.Data.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

internal sealed class SavedAssessmentConfiguration : IEntityTypeConfiguration<SavedAssessment>
{
    public void Configure(EntityTypeBuilder<SavedAssessment> builder)
    {
        builder.ToTable("SavedAssessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Payload).IsRequired();
        builder.HasIndex(a => new { a.UserId, a.IsDraft });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
