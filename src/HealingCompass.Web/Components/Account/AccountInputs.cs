using System.ComponentModel.DataAnnotations;

namespace HealingCompass.Web.Components.Account;

// Form models for the static account pages. Messages are what a person reads, so they are kind and plain.

internal sealed class SignInInput
{
    [Required(ErrorMessage = "Please enter your username.")]
    [StringLength(64, ErrorMessage = "Usernames are at most 64 characters.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Please enter your password.")]
    [StringLength(1024, ErrorMessage = "Passwords are at most 1,024 characters.")]
    public string Password { get; set; } = "";

    /// <summary>The 6-digit code from the authenticator app, or a recovery code, when two-step sign-in is on.</summary>
    [StringLength(32, ErrorMessage = "A code is 6 digits, or a recovery code of 10 letters and numbers. Please check it.")]
    public string? Code { get; set; }
}

internal sealed class TwoStepCodeInput
{
    [Required(ErrorMessage = "Please enter the 6-digit code your authenticator app shows.")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "The code is 6 digits, for example 123456. Please check it.")]
    public string Code { get; set; } = "";
}

internal sealed class RegisterInput
{
    [Required(ErrorMessage = "Please choose a username.")]
    [StringLength(64, MinimumLength = 3, ErrorMessage = "A username needs 3 to 64 characters.")]
    [RegularExpression(@"^[A-Za-z0-9._\-]+$", ErrorMessage = "Use letters, numbers, dots, dashes or underscores.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Please choose a password.")]
    [MinLength(8, ErrorMessage = "A password needs at least 8 characters; a longer phrase is stronger.")]
    [MaxLength(1024, ErrorMessage = "A password can be at most 1,024 characters. Please choose a shorter one.")]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "The two passwords don't match yet.")]
    public string ConfirmPassword { get; set; } = "";

    [Range(typeof(bool), "true", "true", ErrorMessage = "Please confirm you understand how the recovery key works.")]
    public bool UnderstandsRecovery { get; set; }
}

internal sealed class PasswordInput
{
    [Required(ErrorMessage = "Please enter your password.")]
    [StringLength(1024, ErrorMessage = "Passwords are at most 1,024 characters.")]
    public string Password { get; set; } = "";
}

internal sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Please enter your current password.")]
    [StringLength(1024, ErrorMessage = "Passwords are at most 1,024 characters.")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Please choose a new password.")]
    [MinLength(8, ErrorMessage = "A password needs at least 8 characters; a longer phrase is stronger.")]
    [MaxLength(1024, ErrorMessage = "A password can be at most 1,024 characters. Please choose a shorter one.")]
    public string NewPassword { get; set; } = "";

    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords don't match yet.")]
    public string ConfirmPassword { get; set; } = "";

    /// <summary>Also replace the recovery key (offered, since a changed password often means the key was seen too).</summary>
    public bool NewRecoveryKey { get; set; }
}

internal sealed class RecoverInput
{
    [Required(ErrorMessage = "Please enter your username.")]
    [StringLength(64, ErrorMessage = "Usernames are at most 64 characters.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Please enter your recovery key.")]
    [StringLength(128, ErrorMessage = "A recovery key is 39 characters; this is much longer. Please check it.")]
    public string RecoveryKey { get; set; } = "";

    [Required(ErrorMessage = "Please choose a new password.")]
    [MinLength(8, ErrorMessage = "A password needs at least 8 characters; a longer phrase is stronger.")]
    [MaxLength(1024, ErrorMessage = "A password can be at most 1,024 characters. Please choose a shorter one.")]
    public string NewPassword { get; set; } = "";

    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords don't match yet.")]
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>Only paths inside this app are followed after a form, never another site.</summary>
internal static class ReturnUrls
{
    public static string Safe(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}

internal sealed class DeleteAccountInput
{
    [Required(ErrorMessage = "Please enter your password, or your recovery key.")]
    [StringLength(1024, ErrorMessage = "Passwords are at most 1,024 characters.")]
    public string Secret { get; set; } = "";

    /// <summary>The secret typed is the recovery key rather than the password.</summary>
    public bool UseRecoveryKey { get; set; }

    [Range(typeof(bool), "true", "true", ErrorMessage = "Please tick the box to confirm that everything here should go for good.")]
    public bool UnderstandsItIsFinal { get; set; }
}
