using HealingCompass.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.SessionIdHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(s => s.SessionIdHash).IsUnique();
        builder.HasIndex(s => s.UserId);
        builder.Property(s => s.Device).HasMaxLength(80).IsRequired();
        // Deleting an account ends every sign-in it had.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
