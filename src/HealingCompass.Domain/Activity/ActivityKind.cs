namespace HealingCompass.Domain.Activity;

/// <summary>
/// What happened on an account, one line of its activity each. Stored by name: never rename a member once
/// rows exist (add new ones instead). Deliberately absent: quick exit, and anything that would tell someone
/// reading over a person's shoulder that they left in a hurry.
/// </summary>
public enum ActivityKind
{
    AccountCreated,

    SignedIn,

    /// <summary>A wrong password (or two-step code) at sign-in.</summary>
    SignInFailed,

    /// <summary>An attempt refused, or the attempt that paused the account, after several wrong ones.</summary>
    LockedOut,

    Unlocked,

    /// <summary>A wrong password on the lock screen.</summary>
    UnlockFailed,

    /// <summary>A wrong current password where a page asks for it again (password change, new recovery key, two-step off).</summary>
    PasswordCheckFailed,

    PasswordChanged,

    /// <summary>The recovery key opened the account and set a new password (a sign-in too).</summary>
    RecoveryKeyUsed,

    /// <summary>A recovery key that did not open the account.</summary>
    RecoveryKeyFailed,

    RecoveryKeyReplaced,

    TwoStepOn,

    TwoStepOff,

    SignedOut,

    /// <summary>One or all other sessions ended from "Where you're signed in".</summary>
    OtherSessionsEnded,

    JournalExported,

    /// <summary>"Export everything" downloaded (data-export.zip).</summary>
    DataExported,

    /// <summary>An "Export everything" archive brought into this account.</summary>
    DataImported,
}

/// <summary>Which kinds are a way in, and which are someone trying and failing.</summary>
public static class ActivityKinds
{
    /// <summary>The kinds that start a session.</summary>
    public static bool IsSignIn(this ActivityKind kind) =>
        kind is ActivityKind.SignedIn or ActivityKind.AccountCreated or ActivityKind.RecoveryKeyUsed;

    /// <summary>
    /// The kinds after which this browser's cookie says its session began: the sign-ins, and a password change,
    /// which starts this browser's session afresh (and ends every other).
    /// </summary>
    public static bool StartsSession(this ActivityKind kind) => kind.IsSignIn() || kind == ActivityKind.PasswordChanged;

    /// <summary>The kinds a person should notice if they were not the one trying.</summary>
    public static bool IsFailedAttempt(this ActivityKind kind) =>
        kind is ActivityKind.SignInFailed or ActivityKind.LockedOut or ActivityKind.UnlockFailed
            or ActivityKind.PasswordCheckFailed or ActivityKind.RecoveryKeyFailed;
}
