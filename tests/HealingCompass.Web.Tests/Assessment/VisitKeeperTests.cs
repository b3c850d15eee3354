using Bunit;
using HealingCompass.Web.Assessment;
using HealingCompass.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Assessment;

/// <summary>
/// The tab's encrypted copy of a visit (ADR 5): what one circuit keeps, the next circuit in the same tab
/// (a reload, a restart) brings back where it was. bunit's JS interop plays the tab's session storage;
/// the encryption is the real Data Protection.
/// </summary>
public sealed class VisitKeeperTests : ComponentTestBase
{
    private VisitKeeper Visit => Services.GetRequiredService<VisitKeeper>();

    [Fact]
    public async Task A_kept_visit_comes_back_in_the_next_circuit_on_the_same_screen_with_the_same_choices()
    {
        await Visit.RestoreAsync();
        Session.Load(Answers.Danger());
        Session.AcknowledgeSafetyCard();
        Session.ChooseTracks([.. Session.ChosenTracks.Take(1)]);
        Session.GoTo(3);

        using var next = new Tab(TabKeys, TabCopy());
        Assert.True(await next.Visit.RestoreAsync());

        Assert.True(next.Visit.WasRestored);
        Assert.Equal(Session.ExportAnswers(), next.Session.ExportAnswers());
        Assert.Equal(3, next.Session.ScreenIndex);
        Assert.True(next.Session.IsFinished);
        Assert.Equal(Session.ChosenTracks, next.Session.ChosenTracks);
        Assert.True(next.Session.HasChosenTracks);
        // The safety card the person already saw does not interrupt them again.
        Assert.True(next.Session.Result.Safety.IsDanger);
        Assert.False(next.Session.ShowSafetyCard);
    }

    [Fact]
    public async Task The_tab_holds_only_ciphertext()
    {
        await Visit.RestoreAsync();
        Session.Load(Answers.Danger());

        var copy = TabCopy();
        Assert.NotNull(copy);
        Assert.DoesNotContain("safety", copy, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("relationship", copy, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AnswersFileName(), copy, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_copy_left_for_more_than_an_hour_is_not_brought_back_and_is_removed()
    {
        await Visit.RestoreAsync();
        Session.Load(Answers.Calm());

        using var later = new Tab(TabKeys, TabCopy(), DateTimeOffset.UtcNow + VisitKeeper.MaxAge + TimeSpan.FromMinutes(1));
        Assert.False(await later.Visit.RestoreAsync());

        Assert.True(later.Session.IsBlank);
        Assert.Equal("sessionStorage.removeItem", later.JSInterop.Invocations.Last().Identifier);
    }

    [Fact]
    public async Task A_copy_the_server_can_no_longer_read_starts_an_empty_visit_without_an_error()
    {
        await Visit.RestoreAsync();
        Session.Load(Answers.Calm());

        using var otherKeys = new Tab(new EphemeralDataProtectionProvider(), TabCopy());
        Assert.False(await otherKeys.Visit.RestoreAsync());

        Assert.True(otherKeys.Session.IsBlank);
    }

    [Fact]
    public async Task Starting_again_removes_the_tab_copy()
    {
        await Visit.RestoreAsync();
        Session.Load(Answers.Calm());
        Assert.NotNull(TabCopy());

        Session.Reset();

        Assert.Null(TabCopy());
    }

    [Fact]
    public async Task Nothing_is_written_before_the_tab_was_read_so_an_empty_first_render_cannot_overwrite_it()
    {
        Session.GoTo(2);

        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier.StartsWith("sessionStorage.", StringComparison.Ordinal)
            && i.Identifier != "sessionStorage.getItem");
        await Visit.RestoreAsync();
    }

    /// <summary>What the tab's session storage holds now: the last value written, or null once removed.</summary>
    private string? TabCopy()
    {
        var last = JSInterop.Invocations.LastOrDefault(i => i.Identifier is "sessionStorage.setItem" or "sessionStorage.removeItem");
        return last.Identifier == "sessionStorage.setItem" ? (string?)last.Arguments[1] : null;
    }

    private static string AnswersFileName() => HealingCompass.Domain.Assessment.AnswersFile.FormatName;

    /// <summary>The next circuit in the same tab: same keys, the tab's storage holding what the last one kept.</summary>
    private sealed class Tab : ComponentTestBase
    {
        public Tab(IDataProtectionProvider keys, string? stored, DateTimeOffset? now = null)
            : base(keys, now is { } at ? new FixedClock(at) : null)
        {
            if (stored is not null)
            {
                JSInterop.Setup<string>("sessionStorage.getItem", VisitKeeper.StorageKey).SetResult(stored);
            }
        }

        public VisitKeeper Visit => Services.GetRequiredService<VisitKeeper>();

        public new Web.Assessment.AssessmentSession Session => base.Session;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
