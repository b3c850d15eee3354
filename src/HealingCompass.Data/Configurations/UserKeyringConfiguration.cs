using HealingCompass.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HealingCompass.Data.Configurations;

internal sealed class UserKeyringConfiguration : IEntityTypeConfiguration<UserKeyring>
{
    public void Configure(EntityTypeBuilder<UserKeyring> builder)
    {
        builder.ToTable("Keyrings");
        builder.HasKey(k => k.UserId);
        builder.Property(k => k.PasswordWrapped).IsRequired();
        builder.Property(k => k.RecoveryWrapped).IsRequired();
        // Deleting an account deletes its keys, which makes every saved record unreadable for good.
        builder.HasOne<ApplicationUser>().WithOne().HasForeignKey<UserKeyring>(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
