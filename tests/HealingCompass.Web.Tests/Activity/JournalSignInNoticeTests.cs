using Bunit;
using HealingCompass.Data.Activity;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Activity;
using HealingCompass.Web.Components.Journal;
using HealingCompass.Web.Tests.Journal;
using HealingCompass.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Activity;

/// <summary>The journal page, once open, says when the account was last signed in and how many attempts failed since.</summary>
public sealed class JournalSignInNoticeTests : JournalComponentTest
{
    [Fact]
    public async Task The_open_journal_names_the_last_sign_in_and_the_failed_attempts_since()
    {
        await SignInAsync();
        var store = Services.GetRequiredService<ActivityStore>();
        var start = Clock.GetUtcNow().UtcDateTime;
        await store.AddAsync(UserId, new ActivityEvent(ActivityKind.SignedIn, start.AddDays(-2), "Safari on a Mac", "198.51.100.0/24"), Cancel);
        await store.AddAsync(UserId, new ActivityEvent(ActivityKind.SignInFailed, start.AddDays(-1), "Chrome on Android", "203.0.113.0/24"), Cancel);
        await store.AddAsync(UserId, new ActivityEvent(ActivityKind.UnlockFailed, start.AddHours(-3), "Chrome on Android", "203.0.113.0/24"), Cancel);
        await store.AddAsync(UserId, new ActivityEvent(ActivityKind.SignedIn, start.AddHours(-1), "Firefox on Linux", "192.0.2.0/24"), Cancel);

        var page = Render<JournalPage>();

        page.WaitForAssertion(() => Assert.Equal(
            "Last signed in: 8 June 2026 at 09:00 UTC (Safari on a Mac), 2 failed attempts since. See your account activity",
            Markup.Squash(page.Find("[data-last-sign-in]").TextContent)));
    }

    [Fact]
    public async Task With_a_kept_plan_the_time_is_in_the_plans_time_zone_and_says_which()
    {
        await SignInAsync();
        await Services.GetRequiredService<PlanStore>().SaveAsync(
            UserId, Key, new PlanSettings(ContentCatalog.Default.ContentVersion, [TrackIds.PersonalHealing], DayOfWeek.Sunday, "Pacific/Auckland", new DateOnly(2026, 6, 1), null), [], Cancel);
        var store = Services.GetRequiredService<ActivityStore>();
        var start = Clock.GetUtcNow().UtcDateTime;
        await store.AddAsync(UserId, new ActivityEvent(ActivityKind.SignedIn, start.AddDays(-2), "Safari on a Mac", null), Cancel);
        await store.AddAsync(UserId, new ActivityEvent(ActivityKind.SignedIn, start.AddHours(-1), "Firefox on Linux", null), Cancel);

        var page = Render<JournalPage>();

        // 09:00 UTC on 8 June is 21:00 in New Zealand's winter (UTC+12).
        page.WaitForAssertion(() => Assert.StartsWith(
            "Last signed in: 8 June 2026 at 21:00 Pacific/Auckland time (Safari on a Mac), no failed attempts since.",
            Markup.Squash(page.Find("[data-last-sign-in]").TextContent), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_locked_journal_shows_no_sign_in_line()
    {
        await SignInAsync(unlocked: false);
        await Services.GetRequiredService<ActivityStore>().AddAsync(UserId, new ActivityEvent(ActivityKind.SignedIn, Clock.GetUtcNow().UtcDateTime.AddDays(-1), "Safari on a Mac", null), Cancel);
        Navigation.NavigateTo("/journal");

        var page = Render<JournalPage>();

        page.WaitForAssertion(() => Assert.StartsWith("/account/unlock", CurrentPath, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-last-sign-in]"));
    }
}
