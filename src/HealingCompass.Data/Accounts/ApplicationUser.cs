using Microsoft.AspNetCore.Identity;

namespace HealingCompass.Data.Accounts;

/// <summary>
/// A person's account. It holds a username and Identity's own fields only: an email address is optional
/// and never required, and nothing the person writes is stored here.
/// </summary>
public sealed class ApplicationUser : IdentityUser
{
    public DateTime CreatedUtc { get; set; }
}
