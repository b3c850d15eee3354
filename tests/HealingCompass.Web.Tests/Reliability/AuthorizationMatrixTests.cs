using System.IO.Compression;
using System.Net;
using System.Text;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Reliability;

/// <summary>
/// Every route the running app serves, read from its own endpoint data source, asked by nobody, by its owner's
/// neighbour and with the owner's record ids: nobody else ever reads, changes or ends anything of the owner's,
/// and a record that is not yours is simply not found, never "forbidden" with details. A route this table does
/// not know fails the test by its pattern, so a new page or endpoint cannot arrive unchecked.
/// </summary>
public sealed class AuthorizationMatrixTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>What a route is, and so what each caller must get.</summary>
    internal enum RouteKind
    {
        /// <summary>Open to anyone; holds nothing of anyone's.</summary>
        PublicPage,

        /// <summary>A page about the signed-in person; anonymous gets sign-in or the kind "needs an account" page.</summary>
        PersonalPage,

        /// <summary>A page that takes a record id in <c>?id=</c>; records load in the live circuit for their owner only.</summary>
        RecordPage,

        /// <summary>A download of the person's own data (signed in and unlocked).</summary>
        PersonalDownload,

        /// <summary>An endpoint that returns one record by <c>?id=</c>: the owner's only, 404 for anyone else.</summary>
        RecordDownload,

        /// <summary>A POST that ends a session or signs out: it acts on the caller's own sessions only.</summary>
        SessionAction,

        /// <summary>
        /// Quick wipe: a token for the caller's own countdown, and the POST that deletes the caller's own account.
        /// Anonymous gets not-found; a post without the caller's token is refused before anything is deleted.
        /// </summary>
        OwnAccountAction,

        /// <summary>Blazor's circuit hub and framework scripts: the framework's, no records (see docs/reliability.md).</summary>
        Framework,
    }

    /// <summary>Every route pattern the app serves, besides static files. Keep in step with the app.</summary>
    internal static readonly IReadOnlyDictionary<string, RouteKind> Routes = new Dictionary<string, RouteKind>(StringComparer.Ordinal)
    {
        ["/"] = RouteKind.PublicPage,
        ["/assessment"] = RouteKind.PublicPage,
        ["/results"] = RouteKind.PublicPage,
        ["/plan"] = RouteKind.PublicPage,
        ["/resources"] = RouteKind.PublicPage,
        ["/browsing-safely"] = RouteKind.PublicPage,
        ["/own-behaviour"] = RouteKind.PublicPage,
        ["/verify"] = RouteKind.PublicPage,
        ["/not-found"] = RouteKind.PublicPage,
        ["/error"] = RouteKind.PublicPage,
        ["/healthz"] = RouteKind.PublicPage,
        ["/healthz/ready"] = RouteKind.PublicPage,
        ["/theme/light-{fingerprint}.css"] = RouteKind.PublicPage, // the same stylesheet for everyone; another fingerprint is not found
        ["/account/login"] = RouteKind.PublicPage,
        ["/account/register"] = RouteKind.PublicPage,
        ["/account/recover"] = RouteKind.PublicPage,
        ["/account"] = RouteKind.PersonalPage,
        ["/account/unlock"] = RouteKind.PersonalPage,
        ["/account/password"] = RouteKind.PersonalPage,
        ["/account/recovery-key"] = RouteKind.PersonalPage,
        ["/account/sessions"] = RouteKind.PersonalPage,
        ["/account/two-step"] = RouteKind.PersonalPage,
        ["/account/activity"] = RouteKind.PersonalPage,
        ["/account/delete"] = RouteKind.PersonalPage,
        ["/account/gone"] = RouteKind.PublicPage,
        ["/account/wipe"] = RouteKind.OwnAccountAction,
        ["/account/wipe/token"] = RouteKind.OwnAccountAction,
        ["/journal"] = RouteKind.PersonalPage,
        ["/my-plan"] = RouteKind.PersonalPage,
        ["/check-in"] = RouteKind.PersonalPage,
        ["/progress"] = RouteKind.PersonalPage,
        ["/import"] = RouteKind.PersonalPage,
        ["/journal-entry"] = RouteKind.RecordPage,
        ["/journal-write"] = RouteKind.RecordPage,
        ["/journal-export"] = RouteKind.PersonalDownload,
        ["/account/export"] = RouteKind.PersonalDownload,
        ["/journal-file"] = RouteKind.RecordDownload,
        ["/account/logout"] = RouteKind.SessionAction,
        ["/account/lock"] = RouteKind.SessionAction,
        ["/account/sessions/end"] = RouteKind.SessionAction,
        ["/account/sessions/end-others"] = RouteKind.SessionAction,
        ["/_blazor"] = RouteKind.Framework,
        ["/_blazor/negotiate"] = RouteKind.Framework,
        ["/_blazor/initializers/"] = RouteKind.Framework,
        ["/_blazor/disconnect/"] = RouteKind.Framework,
        ["/_framework/opaque-redirect"] = RouteKind.Framework,
        ["/_framework/blazor.web.js"] = RouteKind.Framework,
        ["/_framework/blazor.server.js"] = RouteKind.Framework,
    };

    /// <summary>One route as the app serves it: its pattern and the HTTP methods it answers.</summary>
    internal sealed record AppRoute(string Pattern, IReadOnlyList<string> Methods, bool IsStaticFile);

    /// <summary>Every route endpoint of the running app, from its own <see cref="EndpointDataSource"/>.</summary>
    internal static IReadOnlyList<AppRoute> Enumerate(IServiceProvider services)
    {
        var routes = new Dictionary<string, (HashSet<string> Methods, bool Static)>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST", "PUT", "DELETE"];
            // MapStaticAssets' endpoints: files from wwwroot and packages, fixed patterns with a file name.
            var isStatic = endpoint.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal))
                || (endpoint.RoutePattern.Parameters.Count == 0 && Path.HasExtension(pattern) && !Routes.ContainsKey(pattern));
            if (!routes.TryGetValue(pattern, out var known))
            {
                routes[pattern] = known = (new HashSet<string>(StringComparer.Ordinal), isStatic);
            }
            known.Methods.UnionWith(methods);
        }
        return [.. routes.Select(r => new AppRoute(r.Key, [.. r.Value.Methods.Order(StringComparer.Ordinal)], r.Value.Static)).OrderBy(r => r.Pattern, StringComparer.Ordinal)];
    }

    [Fact]
    public void Every_route_the_app_serves_is_in_the_table_and_every_route_in_the_table_is_served()
    {
        var served = Enumerate(app.Services);
        var unknown = served.Where(r => !r.IsStaticFile && !Routes.ContainsKey(r.Pattern)).Select(r => $"{string.Join('/', r.Methods)} {r.Pattern}").ToList();
        Assert.True(unknown.Count == 0, "Routes the authorization matrix does not know (add each to AuthorizationMatrixTests.Routes with its kind): " + string.Join(", ", unknown));

        var gone = Routes.Keys.Where(p => !p.StartsWith("/_", StringComparison.Ordinal) && served.All(r => r.Pattern != p)).ToList();
        Assert.True(gone.Count == 0, "Routes in the table the app no longer serves: " + string.Join(", ", gone));
        Assert.All(served.Where(r => r.IsStaticFile), r => Assert.DoesNotContain('{', r.Pattern));
    }

    [Fact]
    public async Task Nobody_but_the_owner_reads_changes_or_ends_anything_of_theirs_on_any_route()
    {
        var (owner, ownerName, _) = await app.SignUpAsync("matrix.a");
        var (other, _, _) = await app.SignUpAsync("matrix.b");
        using var anonymous = app.NewClient();
        using (owner)
        using (other)
        {
            var ownerId = (await app.FindUserAsync(ownerName))!.Id;
            var records = await AddRecordsAsync(ownerId);
            var ownerSessions = await app.Services.GetRequiredService<SessionStore>().ListAsync(ownerId, null);
            var ownerHandle = Assert.Single(ownerSessions).Handle;
            var connection = $"Data Source={app.Server.DatabasePath}";
            // A's own requests would move A's last-seen time; nobody else's may change anything of A's.
            var before = await DatabaseDigest.OfPersonAsync(connection, ownerId);

            var asked = 0;
            foreach (var route in Enumerate(app.Services).Where(r => !r.IsStaticFile))
            {
                var kind = Routes[route.Pattern];
                if (kind == RouteKind.Framework)
                {
                    continue; // the hub's own protocol; interactive pages check the person in their own code
                }
                foreach (var (who, client) in new[] { ("anonymous", anonymous), ("user B", other) })
                {
                    foreach (var path in PathsFor(route.Pattern, kind, records))
                    {
                        foreach (var method in route.Methods.Where(m => m is "GET" or "POST"))
                        {
                            var page = method == "GET"
                                ? await client.GetAsync(path)
                                : await PostAsAsync(client, kind, path, ownerHandle);
                            asked++;
                            var where = $"{method} {path} as {who}: {page}";
                            Assert.True((int)page.Status < 500, where);
                            Assert.NotEqual(HttpStatusCode.Forbidden, page.Status);
                            Assert.DoesNotContain(records.Sentinel, await BodyTextAsync(client, path, page), StringComparison.Ordinal);
                            Assert.DoesNotContain(ownerName, page.Html, StringComparison.Ordinal);
                            Expect(kind, method, who, page, where);
                        }
                    }
                }
            }

            Assert.True(asked > 60, $"Only {asked} requests were made.");
            TestContext.Current.TestOutputHelper?.WriteLine($"Authorization matrix: {asked} requests over {Enumerate(app.Services).Count(r => !r.IsStaticFile)} routes.");
            Assert.Equal(before, await DatabaseDigest.OfPersonAsync(connection, ownerId));
            Assert.Single(await app.Services.GetRequiredService<SessionStore>().ListAsync(ownerId, null));
            // And the owner still has it all: the file opens for them.
            var mine = await owner.GetAsync($"/journal-file?id={records.FileId:D}");
            Assert.Equal(HttpStatusCode.OK, mine.Status);
            Assert.Contains(records.Sentinel, mine.Html, StringComparison.Ordinal);
        }
    }

    private static void Expect(RouteKind kind, string method, string who, PageResponse page, string where)
    {
        switch (kind, method, who)
        {
            case (RouteKind.RecordDownload, "GET", "user B"):
                Assert.True(page.Status == HttpStatusCode.NotFound, where);
                Assert.Contains("couldn't find that file", page.Text, StringComparison.Ordinal);
                break;
            case (RouteKind.RecordDownload or RouteKind.PersonalDownload, "GET", "anonymous"):
                Assert.True(page.IsRedirect, where);
                Assert.DoesNotContain("zip", page.ContentHeaders.ContentType?.MediaType ?? "", StringComparison.Ordinal);
                break;
            case (RouteKind.OwnAccountAction, "GET", "anonymous"):
                Assert.True(page.Status == HttpStatusCode.NotFound, where);
                break;
            case (RouteKind.PersonalPage or RouteKind.RecordPage, "GET", "anonymous"):
                Assert.True(page.IsRedirect
                    ? page.Location!.Contains("/account/login", StringComparison.Ordinal)
                    : page.Status == HttpStatusCode.OK && page.Text.Contains("account", StringComparison.OrdinalIgnoreCase), where);
                break;
            case (_, "POST", _) when kind != RouteKind.SessionAction:
                // A post with no form behind it, or no token: refused kindly before it does anything (anonymous
                // may be sent to sign in first).
                Assert.True((int)page.Status is >= 400 and < 500
                    || (who == "anonymous" && page.IsRedirect && page.Location!.Contains("/account/login", StringComparison.Ordinal)), where);
                break;
        }
    }

    /// <summary>The addresses to ask for a route: with the owner's ids, a made-up one and none for a record route.</summary>
    private static IEnumerable<string> PathsFor(string pattern, RouteKind kind, OwnerRecords records) => kind switch
    {
        RouteKind.RecordPage => [$"{pattern}?id={records.EntryId:D}", $"{pattern}?id={Guid.NewGuid():D}", pattern],
        RouteKind.RecordDownload => [$"{pattern}?id={records.FileId:D}", $"{pattern}?id={records.FileId:D}&copy=clean", $"{pattern}?id={Guid.NewGuid():D}"],
        RouteKind.PersonalDownload => [pattern, $"{pattern}?format=pdf"],
        _ => [pattern],
    };

    /// <summary>
    /// A session action is posted the way its own page does, with the caller's own antiforgery token and the
    /// owner's session handle; anything else is posted bare, as a forged form would be.
    /// </summary>
    private static async Task<PageResponse> PostAsAsync(AccountFormClient client, RouteKind kind, string path, string ownerHandle)
    {
        if (kind != RouteKind.SessionAction || path == "/account/lock")
        {
            return await client.PostRawAsync(path, new Dictionary<string, string>(StringComparer.Ordinal) { ["session"] = ownerHandle });
        }
        var sessions = await client.GetAsync("/account/sessions");
        var token = sessions.Forms.SelectMany(f => f.Hidden).FirstOrDefault(h => h.Key == AccountFormClient.AntiforgeryField).Value;
        if (token is null || path == "/account/logout")
        {
            // Signed out (no form), or sign-out itself: only the forged form; signing B out here would end the run.
            return await client.PostRawAsync(path, new Dictionary<string, string>(StringComparer.Ordinal) { ["session"] = ownerHandle });
        }
        return await client.PostRawAsync(path, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AccountFormClient.AntiforgeryField] = token,
            ["session"] = ownerHandle,
        });
    }

    /// <summary>The body as text, with a ZIP's parts unpacked (fetched again as bytes), so a sentinel inside would show.</summary>
    private static async Task<string> BodyTextAsync(AccountFormClient client, string path, PageResponse page)
    {
        if (page.ContentHeaders.ContentType?.MediaType != "application/zip")
        {
            return page.Html;
        }
        var bytes = await client.Http.GetByteArrayAsync(new Uri(path, UriKind.Relative), Cancel);
        var text = new StringBuilder();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        foreach (var part in zip.Entries)
        {
            using var reader = new StreamReader(part.Open());
            text.Append(await reader.ReadToEndAsync(Cancel));
        }
        Assert.True(text.Length > 0, $"{path}: an empty archive");
        return text.ToString();
    }

    private sealed record OwnerRecords(string Sentinel, Guid EntryId, Guid FileId);

    private async Task<OwnerRecords> AddRecordsAsync(string ownerId)
    {
        var sentinel = $"MATRIX-{Guid.NewGuid():N}";
        using var key = (await app.ReadKeyringAsync(ownerId)).UnlockWithPassword(ownerId, AccountsApp.Password);
        var journal = app.Services.GetRequiredService<JournalStore>();
        var entryId = (await journal.CreateAsync(ownerId, key, new EntryContent { WhatHappened = sentinel, WordsSaid = sentinel, Place = sentinel }, Cancel)).EntryId!.Value;
        var added = await app.Services.GetRequiredService<JournalAttachmentStore>().AddAsync(ownerId, key, entryId, "letter.pdf", new MemoryStream(TestFiles.PdfWith(sentinel)), Cancel);
        Assert.True(added.Saved, added.Message);
        return new OwnerRecords(sentinel, entryId, added.Attachment!.Id);
    }
}
