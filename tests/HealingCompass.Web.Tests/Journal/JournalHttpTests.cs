using System.Net;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Domain.Journal;
using HealingCompass.Web.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Journal;

/// <summary>
/// The journal's pages over HTTP, as a browser or a tampering client first reaches them: nothing of a journal is
/// in any page's HTML (it loads in the live circuit only), another person's entry id gives nothing away, and odd
/// or tampered requests get a kind answer, never a 500, with nothing saved changed.
/// </summary>
public sealed class JournalHttpTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_an_account_the_journal_explains_itself_kindly_and_is_never_cached()
    {
        using var client = app.NewClient();
        var page = await client.GetAsync("/journal");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("The journal needs an account", page.Text, StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_persons_entry_id_in_the_address_or_a_tampered_post_gives_nothing_away_and_changes_nothing()
    {
        var (owner, ownerName, _) = await app.SignUpAsync("owner");
        var (other, _, _) = await app.SignUpAsync("other");
        using (owner)
        using (other)
        {
            var ownerId = (await app.FindUserAsync(ownerName))!.Id;
            var store = app.Services.GetRequiredService<JournalStore>();
            using var key = DataKey.Create();
            var sentinel = $"SENTINEL-{Guid.NewGuid():N}";
            var id = (await store.CreateAsync(ownerId, key, new EntryContent { WhatHappened = sentinel }, Cancel)).EntryId!.Value;
            var head = await store.GetHeadAsync(ownerId, Cancel);

            foreach (var path in new[] { $"/journal-entry?id={id:D}", $"/journal-write?id={id:D}", "/journal" })
            {
                var page = await other.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, page.Status);
                Assert.DoesNotContain(sentinel, page.Html, StringComparison.Ordinal);
            }
            // The owner's own first HTML holds none of it either: entries load in the live circuit.
            Assert.DoesNotContain(sentinel, (await owner.GetAsync($"/journal-entry?id={id:D}")).Html, StringComparison.Ordinal);

            // A post to the edit page, as if a form there carried another text for this id.
            var posted = await other.PostRawAsync($"/journal-write?id={id:D}", new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["WhatHappened"] = "Rewritten by someone else",
                ["Id"] = id.ToString(),
            });
            Assert.NotEqual(HttpStatusCode.InternalServerError, posted.Status);
            Assert.True((int)posted.Status is >= 400 and < 500, $"Expected a kind refusal, got {(int)posted.Status}.");

            var history = await store.GetAsync(ownerId, key, id, Cancel);
            Assert.Equal(sentinel, Assert.Single(history!.Versions).Content?.WhatHappened);
            Assert.Equal(head!.Hash, (await store.GetHeadAsync(ownerId, Cancel))!.Hash);
        }
    }

    [Theory]
    [InlineData("/journal-entry?id=not-an-id")]
    [InlineData("/journal-write?id=00000000-0000-0000-0000-00000000000g")]
    [InlineData("/journal-entry?id=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/journal-entry")]
    public async Task A_malformed_entry_address_gets_a_kind_page_and_never_echoes_it(string path)
    {
        using var client = app.NewClient();
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("The journal needs an account", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_deeper_than_the_journals_own_gets_the_kind_not_found_page()
    {
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/journal/entry/not-an-id")).Status);
    }
}
