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
            var store = app.Factory.Services.GetRequiredService<JournalStore>();
            using var key = DataKey.Create();
            var sentinel = $"SENTINEL-{Guid.NewGuid():N}";
            var id = (await store.CreateAsync(ownerId, key, new EntryContent { WhatHappened = sentinel }, Cancel)).EntryId!.Value;
            var head = await store.GetHeadAsync(ownerId, Cancel);

            foreach (var path in new[] { $"/journal/entry/{id:D}", $"/journal/entry/{id:D}/edit", "/journal" })
            {
                var page = await other.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, page.Status);
                Assert.DoesNotContain(sentinel, page.Html, StringComparison.Ordinal);
            }
            // The owner's own first HTML holds none of it either: entries load in the live circuit.
            Assert.DoesNotContain(sentinel, (await owner.GetAsync($"/journal/entry/{id:D}")).Html, StringComparison.Ordinal);

            // A post to the edit page, as if a form there carried another text for this id.
            var posted = await other.PostRawAsync($"/journal/entry/{id:D}/edit", new Dictionary<string, string>(StringComparer.Ordinal)
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
    [InlineData("/journal/entry/not-an-id")]
    [InlineData("/journal/entry/00000000-0000-0000-0000-00000000000g/edit")]
    [InlineData("/journal/entry/%3Cscript%3E")]
    public async Task A_malformed_entry_address_gets_the_kind_not_found_page(string path)
    {
        using var client = app.NewClient();
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("<script>", page.Html, StringComparison.Ordinal);
    }
}
