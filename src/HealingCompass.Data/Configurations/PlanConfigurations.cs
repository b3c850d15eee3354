using HealingCompass.Data.Accounts;
using HealingCompass.Data.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

internal sealed class SavedPlanConfiguration : IEntityTypeConfiguration<SavedPlan>
{
    public void Configure(EntityTypeBuilder<SavedPlan> builder)
    {
        builder.ToTable("SavedPlans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Payload).IsRequired();
        builder.HasIndex(p => p.UserId).IsUnique(); // one kept plan per person; re-choosing replaces its tracks
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<CommitmentRow>
{
    public void Configure(EntityTypeBuilder<CommitmentRow> builder)
    {
        builder.ToTable("Commitments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Payload).IsRequired();
        builder.HasIndex(c => c.UserId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
