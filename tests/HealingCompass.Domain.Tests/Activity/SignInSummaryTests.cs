using HealingCompass.Domain.Activity;

namespace HealingCompass.Domain.Tests.Activity;

public sealed class SignInSummaryTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static ActivityEvent At(ActivityKind kind, int minutes, string device = "Firefox on Android") =>
        new(kind, Start.AddMinutes(minutes), device, "203.0.113.0/24");

    [Fact]
    public void The_sign_in_before_this_session_is_named_with_the_failed_attempts_after_it()
    {
        ActivityEvent[] events =
        [
            At(ActivityKind.AccountCreated, 0),
            At(ActivityKind.SignedIn, 60, "Chrome on Windows"),
            At(ActivityKind.SignInFailed, 90),
            At(ActivityKind.Unlocked, 95),
            At(ActivityKind.LockedOut, 100),
            At(ActivityKind.SignedIn, 120), // this session
        ];

        var summary = SignInSummary.From(events, sessionStartedUtc: Start.AddMinutes(120));

        Assert.Equal(Start.AddMinutes(60), summary.LastSignIn!.AtUtc);
        Assert.Equal("Chrome on Windows", summary.LastSignIn.Device);
        Assert.Equal(2, summary.FailedSince);
    }

    [Fact]
    public void A_sign_in_elsewhere_after_this_one_is_what_is_shown()
    {
        ActivityEvent[] events =
        [
            At(ActivityKind.SignedIn, 0),
            At(ActivityKind.SignedIn, 10), // this session
            At(ActivityKind.SignInFailed, 20),
            At(ActivityKind.RecoveryKeyUsed, 30, "Safari on an iPhone"),
        ];

        var summary = SignInSummary.From(events, sessionStartedUtc: Start.AddMinutes(10));

        Assert.Equal(ActivityKind.RecoveryKeyUsed, summary.LastSignIn!.Kind);
        Assert.Equal(0, summary.FailedSince);
    }

    [Fact]
    public void After_a_password_change_a_sign_in_elsewhere_just_before_it_is_still_named()
    {
        ActivityEvent[] events =
        [
            At(ActivityKind.SignedIn, 0, "Firefox on Android"), // this browser
            At(ActivityKind.SignedIn, 10, "Chrome on Windows"), // someone else
            At(ActivityKind.PasswordChanged, 20, "Firefox on Android"), // this browser's session starts afresh
        ];

        var summary = SignInSummary.From(events, sessionStartedUtc: Start.AddMinutes(20));

        Assert.Equal("Chrome on Windows", summary.LastSignIn!.Device);
    }

    [Fact]
    public void With_only_this_sessions_sign_in_there_is_no_last_one_and_every_failure_counts()
    {
        ActivityEvent[] events = [At(ActivityKind.SignInFailed, 0), At(ActivityKind.SignInFailed, 1), At(ActivityKind.AccountCreated, -5), At(ActivityKind.PasswordChanged, 3)];

        var summary = SignInSummary.From(events, sessionStartedUtc: Start.AddMinutes(2));

        Assert.Null(summary.LastSignIn);
        Assert.Equal(2, summary.FailedSince);
    }
}

public sealed class RepeatedAttemptTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static ActivityEvent Failed(int minutes, string device = "Chrome on Android", string? network = "203.0.113.0/24", ActivityKind kind = ActivityKind.SignInFailed) =>
        new(kind, Start.AddMinutes(minutes), device, network);

    [Fact]
    public void The_same_failed_attempt_again_within_the_hour_counts_on_the_same_line()
    {
        Assert.True(Failed(0).IsRepeatedBy(Failed(59)));
        Assert.True(Failed(0).IsRepeatedBy(Failed(60)));
    }

    [Fact]
    public void Another_kind_browser_network_a_later_hour_or_a_success_starts_a_new_line()
    {
        Assert.False(Failed(0).IsRepeatedBy(Failed(61)));
        Assert.False(Failed(0).IsRepeatedBy(Failed(1, device: "Firefox on Android")));
        Assert.False(Failed(0).IsRepeatedBy(Failed(1, network: "198.51.100.0/24")));
        Assert.False(Failed(0).IsRepeatedBy(Failed(1, kind: ActivityKind.UnlockFailed)));
        var signIn = Failed(0, kind: ActivityKind.SignedIn);
        Assert.False(signIn.IsRepeatedBy(Failed(1, kind: ActivityKind.SignedIn)));
    }

    [Fact]
    public void A_line_standing_for_repeats_counts_every_one_of_them_in_the_summary()
    {
        ActivityEvent[] events =
        [
            new(ActivityKind.SignedIn, Start, "Safari on a Mac", null),
            Failed(5) with { Count = 7, FirstAtUtc = Start.AddMinutes(1) },
            Failed(6, kind: ActivityKind.LockedOut),
            new(ActivityKind.SignedIn, Start.AddMinutes(30), "Safari on a Mac", null),
        ];

        var summary = SignInSummary.From(events, Start.AddMinutes(30));

        Assert.Equal(Start, summary.LastSignIn!.AtUtc);
        Assert.Equal(8, summary.FailedSince);
    }
}
