using System.Globalization;
using HealingCompass.Domain.Activity;

namespace HealingCompass.Web.Components.Activity;

/// <summary>Each kind of activity line in plain words, and the times as a person reads them.</summary>
public static class ActivityWording
{
    public static string What(ActivityKind kind) => kind switch
    {
        ActivityKind.AccountCreated => "Account made and signed in",
        ActivityKind.SignedIn => "Signed in",
        ActivityKind.SignInFailed => "A sign-in that didn't succeed (wrong password or code)",
        ActivityKind.LockedOut => "A sign-in refused while the account was paused after several wrong attempts",
        ActivityKind.Unlocked => "Saved data unlocked",
        ActivityKind.UnlockFailed => "A wrong password on the lock screen",
        ActivityKind.PasswordCheckFailed => "A wrong password where it was asked for again",
        ActivityKind.PasswordChanged => "Password changed (other browsers were signed out)",
        ActivityKind.RecoveryKeyUsed => "Recovery key used to set a new password and sign in",
        ActivityKind.RecoveryKeyFailed => "A recovery key that didn't open the account",
        ActivityKind.RecoveryKeyReplaced => "New recovery key made (the old one no longer works)",
        ActivityKind.TwoStepOn => "Two-step sign-in switched on",
        ActivityKind.TwoStepOff => "Two-step sign-in switched off",
        ActivityKind.SignedOut => "Signed out",
        ActivityKind.OtherSessionsEnded => "Other browsers signed out",
        ActivityKind.JournalExported => "Journal export downloaded",
        ActivityKind.DataExported => "Everything exported (the whole ZIP downloaded)",
        ActivityKind.DataImported => "An export brought into this account",
        _ => "Account activity",
    };

    /// <summary>What a line says happened, with how many times for a line standing for repeats.</summary>
    public static string What(ActivityEvent activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Count > 1
            ? $"{What(activity.Kind)}, {activity.Count.ToString(CultureInfo.InvariantCulture)} times"
            : What(activity.Kind);
    }

    /// <summary>When a line happened; for repeats, from the first to the last.</summary>
    public static string When(ActivityEvent activity, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Count > 1 && activity.FirstAtUtc < activity.AtUtc
            ? $"from {When(activity.FirstAtUtc, zone)} to {When(activity.AtUtc, zone)}"
            : When(activity.AtUtc, zone);
    }

    /// <summary>A time in words: in the person's own time zone when the app knows it (named), else in UTC, said plainly.</summary>
    public static string When(DateTime utc, TimeZoneInfo? zone = null)
    {
        var culture = CultureInfo.GetCultureInfo("en-GB");
        if (zone is null)
        {
            return utc.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", culture);
        }
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return $"{local.ToString("d MMMM yyyy 'at' HH:mm", culture)} {zone.Id} time";
    }

    /// <summary>Where a line came from: browser in words, and the rough network when known.</summary>
    public static string Where(ActivityEvent activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Network is null ? activity.Device : $"{activity.Device}, network {activity.Network}";
    }

    /// <summary>"Last signed in: 2 December 2026 at 19:54 UTC (Firefox on Android), 2 failed attempts since".</summary>
    public static string Summary(SignInSummary summary, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var failed = summary.FailedSince switch
        {
            0 => "no failed attempts since",
            1 => "1 failed attempt since",
            var n => $"{n.ToString(CultureInfo.InvariantCulture)} failed attempts since",
        };
        if (summary.LastSignIn is { } last)
        {
            return $"Last signed in: {When(last.AtUtc, zone)} ({last.Device}), {failed}.";
        }
        return summary.FailedSince switch
        {
            0 => "No earlier sign-in on record.",
            1 => "No earlier sign-in on record; 1 failed attempt on record.",
            var n => $"No earlier sign-in on record; {n.ToString(CultureInfo.InvariantCulture)} failed attempts on record.",
        };
    }
}
