using System.Security.Claims;
using Bunit;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.Encryption;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Assessment;
using HealingCompass.Web.Components.Assessment;
using HealingCompass.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Assessment;

/// <summary>
/// After signing in, answers the tab brought back are offered to the account, never moved silently, and
/// an existing saved draft is never replaced without asking.
/// </summary>
public sealed class SaveBarTests : IDisposable
{
    private const string UserId = "user-savebar";
    private const string SessionId = "session-savebar";
    private readonly IDataProtectionProvider keys = new EphemeralDataProtectionProvider();
    private readonly List<SignedInTab> tabs = [];

    [Fact]
    public async Task Answers_brought_back_after_sign_in_are_offered_and_kept_only_after_consent()
    {
        var tab = await SignedInTabWithKeptAnswersAsync(existingDraft: false);

        var cut = tab.Render<SaveBar>();

        Assert.Contains("kept in this tab only", cut.Markup, StringComparison.Ordinal);
        Assert.Null(await tab.LoadDraftAsync());

        cut.FindAll("button").Single(b => b.TextContent.Contains("Keep these answers in my account", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved to your account as you go", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(tab.Session.ExportAnswers(), HealingCompass.Domain.Assessment.AnswersFile.Write((await tab.LoadDraftAsync())!));
    }

    [Fact]
    public async Task An_existing_draft_is_not_replaced_until_the_person_chooses_to()
    {
        var tab = await SignedInTabWithKeptAnswersAsync(existingDraft: true);
        var saved = HealingCompass.Domain.Assessment.AnswersFile.Write((await tab.LoadDraftAsync())!);

        var cut = tab.Render<SaveBar>();

        Assert.Contains("Saving these answers would replace it", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(saved, HealingCompass.Domain.Assessment.AnswersFile.Write((await tab.LoadDraftAsync())!));

        cut.FindAll("button").Single(b => b.TextContent.Contains("Open my saved assessment instead", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved to your account as you go", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(saved, tab.Session.ExportAnswers());
    }

    /// <summary>A tab where an anonymous visit was kept, then the person signed in (a new circuit).</summary>
    private async Task<SignedInTab> SignedInTabWithKeptAnswersAsync(bool existingDraft)
    {
        var before = Track(new SignedInTab(keys, stored: null, signedIn: false));
        await before.Services.GetRequiredService<VisitKeeper>().RestoreAsync();
        before.Session.Load(Answers.Calm());
        var copy = before.TabCopy();

        var tab = Track(new SignedInTab(keys, copy, signedIn: true));
        await tab.CreateAccountAsync(existingDraft);
        Assert.True(await tab.Services.GetRequiredService<VisitKeeper>().RestoreAsync());
        return tab;
    }

    private SignedInTab Track(SignedInTab tab)
    {
        tabs.Add(tab);
        return tab;
    }

    public void Dispose()
    {
        foreach (var tab in tabs)
        {
            tab.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private sealed class SignedInTab : ComponentTestBase
    {
        private readonly DataKey key = DataKey.Create();

        public SignedInTab(IDataProtectionProvider keys, string? stored, bool signedIn)
            : base(keys)
        {
            if (stored is not null)
            {
                JSInterop.Setup<string>("sessionStorage.getItem", VisitKeeper.StorageKey).SetResult(stored);
            }
            if (signedIn)
            {
                Authorization.SetAuthorized("person");
                Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, UserId), new Claim("hc:sid", SessionId));
            }
        }

        public new AssessmentSession Session => base.Session;

        public async Task CreateAccountAsync(bool withDraft)
        {
            var factory = Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
                db.Users.Add(new ApplicationUser { Id = UserId, UserName = "person", NormalizedUserName = "PERSON" });
                await db.SaveChangesAsync();
            }
            Services.GetRequiredService<UnlockedKeys>().Put(SessionId, UserId, key);
            if (withDraft)
            {
                var draft = new HealingCompass.Domain.Assessment.AnswerSet(Answers.Catalog).Set("context.relationship", "relationship.sibling");
                await Services.GetRequiredService<SavedAssessmentStore>().SaveDraftAsync(UserId, key, draft);
            }
        }

        public Task<HealingCompass.Domain.Assessment.AnswerSet?> LoadDraftAsync() =>
            Services.GetRequiredService<SavedAssessmentStore>().LoadDraftAsync(UserId, key);

        public string? TabCopy()
        {
            var last = JSInterop.Invocations.LastOrDefault(i => i.Identifier is "sessionStorage.setItem" or "sessionStorage.removeItem");
            return last.Identifier == "sessionStorage.setItem" ? (string?)last.Arguments[1] : null;
        }
    }
}
