using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Reliability;

/// <summary>
/// A deterministic generator posts bad input (oversized, wrong types, control and bidi characters, invalid UTF-8,
/// broken JSON and ZIPs, markup and script, impossible dates, huge multipart bodies) to every form and upload and
/// to every route the app serves: no answer is a 5xx, every refusal says something, no injected markup comes back
/// live, no redirect leaves the site, and nothing saved for the people involved changes (their rows' digests).
/// CI runs <see cref="CiCount"/> inputs; <c>HC_BAD_INPUTS=10000</c> runs the full count (docs/reliability.md).
/// </summary>
public sealed class BadInputTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    public const string CountVariable = "HC_BAD_INPUTS";
    public const int CiCount = 1_000;
    public const int Seed = 20261203;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Who sends a form: nobody, a person whose password forms take the wrong passwords, the owner of the data, an empty account.</summary>
    internal enum Who { Anonymous, Tester, Owner, Empty }

    /// <summary>A static form: its page, its Blazor handler (or plain action), who posts it, its fields, its file field.</summary>
    internal sealed record FormTarget(string Page, string? Handler, string? Action, Who Who, string[] Fields, string? FileField = null, bool AlwaysShown = true)
    {
        public string Key => Handler ?? Action!;
    }

    /// <summary>Every POST form the app renders. A form a page shows that is not here fails the discovery test.</summary>
    internal static readonly FormTarget[] Forms =
    [
        new("/account/register", "register", null, Who.Anonymous, ["Input.UserName", "Input.Password", "Input.ConfirmPassword", "Input.UnderstandsRecovery"]),
        new("/account/login", "sign-in", null, Who.Anonymous, ["Input.UserName", "Input.Password", "Input.Code"]),
        new("/account/recover", "recover", null, Who.Anonymous, ["Input.UserName", "Input.RecoveryKey", "Input.NewPassword", "Input.ConfirmPassword"]),
        new("/account/unlock", "unlock", null, Who.Tester, ["Input.Password"]),
        new("/account/password", "change-password", null, Who.Tester, ["Input.CurrentPassword", "Input.NewPassword", "Input.ConfirmPassword", "Input.NewRecoveryKey"]),
        new("/account/recovery-key", "new-recovery-key", null, Who.Tester, ["Input.Password"]),
        new("/account/two-step", "two-step-on", null, Who.Tester, ["OnInput.Code"]),
        // Shown only while two-step is on; posted anyway, as a tampering client would.
        new("/account/two-step", "two-step-off", null, Who.Tester, ["OffInput.Password"], AlwaysShown: false),
        new("/account/sessions", null, "/account/sessions/end", Who.Tester, ["session"]),
        // The tester's forms only ever get wrong secrets, so this one never deletes the account it posts from.
        new("/account/delete", "delete-account", null, Who.Tester, ["Input.Secret", "Input.UseRecoveryKey", "Input.UnderstandsItIsFinal"]),
        // Shown only with two sessions or more.
        new("/account/sessions", null, "/account/sessions/end-others", Who.Tester, ["session"], AlwaysShown: false),
        new("/verify", "verify-export", null, Who.Anonymous, ["earlier"], FileField: "export"),
        new("/import", "import-export", null, Who.Empty, [], FileField: "archive"),
    ];

    /// <summary>Forms that are not bad-input targets, and why.</summary>
    private static readonly Dictionary<string, string> NotTargets = new(StringComparer.Ordinal)
    {
        ["/account/logout"] = "a valid sign-out ends the run's session; it is posted here only without a token (raw posts)",
    };

    private static readonly string[] QueryKeys = ["id", "copy", "week", "journal", "export", "format", "range", "from", "to", "ReturnUrl", "returnUrl", "_handler", "session"];

    [Fact]
    public async Task Every_post_form_a_page_shows_is_a_bad_input_target()
    {
        using var people = await PeopleAsync();
        var seen = new List<string>();
        foreach (var route in AuthorizationMatrixTests.Enumerate(app.Services).Where(r => !r.IsStaticFile && r.Methods.Contains("GET")))
        {
            var kind = AuthorizationMatrixTests.Routes[route.Pattern];
            if (kind is not (AuthorizationMatrixTests.RouteKind.PublicPage or AuthorizationMatrixTests.RouteKind.PersonalPage or AuthorizationMatrixTests.RouteKind.RecordPage))
            {
                continue;
            }
            foreach (var who in new[] { Who.Anonymous, Who.Tester, Who.Empty })
            {
                var page = await people[who].GetAsync(route.Pattern);
                foreach (var form in page.Forms.Where(f => f.Hidden.ContainsKey(AccountFormClient.AntiforgeryField)))
                {
                    var key = form.Hidden.TryGetValue(AccountFormClient.HandlerField, out var handler) ? handler : form.Action ?? route.Pattern;
                    seen.Add(key);
                    Assert.True(Forms.Any(f => f.Key == key) || NotTargets.ContainsKey(key), $"The form {key} on {route.Pattern} is not a bad-input target (add it to BadInputTests.Forms).");
                }
            }
        }
        Assert.All(Forms.Where(f => f.AlwaysShown), f => Assert.Contains(f.Key, seen));
    }

    [Fact]
    public async Task Thousands_of_bad_inputs_to_every_form_upload_and_route_get_a_kind_answer_and_change_nothing_saved()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable(CountVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? asked : CiCount;
        using var people = await PeopleAsync();
        var connection = $"Data Source={app.Server.DatabasePath}";
        // A person's own requests move their session's last-seen time, and their own export downloads are recorded
        // by design (a line of activity, the export's head); everything else of theirs must stay as it was.
        string[] recordsOfRequests = ["Sessions", "Activity", "JournalExportRecords"];
        var ownerBefore = await DatabaseDigest.OfPersonAsync(connection, people.OwnerId, recordsOfRequests);
        var emptyBefore = await DatabaseDigest.OfPersonAsync(connection, people.EmptyId, recordsOfRequests);
        var slowest = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var routes = AuthorizationMatrixTests.Enumerate(app.Services)
            .Where(r => !r.IsStaticFile && AuthorizationMatrixTests.Routes[r.Pattern] != AuthorizationMatrixTests.RouteKind.Framework)
            .ToList();
        var inputs = new BadInputs(Seed);
        var tokens = new Dictionary<(Who, string), IReadOnlyDictionary<string, string>>();
        var statuses = new SortedDictionary<int, int>();
        var watch = Stopwatch.StartNew();

        // Huge bodies first: over the check page's 25 MB, just under the import page's 64 MB request limit, and over it.
        await CheckAsync("26 MB upload to /verify", await PostFormAsync(people, tokens, Forms.Single(f => f.Handler == "verify-export"), inputs, hugeFile: 26 * 1024 * 1024), statuses);
        await CheckAsync("63 MB upload to /import", await PostFormAsync(people, tokens, Forms.Single(f => f.Handler == "import-export"), inputs, hugeFile: 63 * 1024 * 1024), statuses);
        await CheckAsync("65 MB upload to /import", await PostFormAsync(people, tokens, Forms.Single(f => f.Handler == "import-export"), inputs, hugeFile: 65 * 1024 * 1024), statuses);

        for (var i = 2; i < count; i++)
        {
            var started = watch.Elapsed;
            var target = "";
            switch (i % 3)
            {
                case 0:
                {
                    var form = Forms[(i / 3) % Forms.Length];
                    target = form.Key;
                    await CheckAsync($"#{i} form {form.Key}", await PostFormAsync(people, tokens, form, inputs), statuses);
                    break;
                }
                case 1:
                {
                    var route = routes[(i / 3) % routes.Count];
                    var who = (Who)inputs.Next(4);
                    target = "GET " + route.Pattern;
                    if (!route.Methods.Contains("GET"))
                    {
                        goto default;
                    }
                    var path = $"{route.Pattern}?{inputs.Pick(QueryKeys)}={inputs.NextEncoded()}";
                    if (path.Length > 8_000)
                    {
                        path = path[..8_000]; // Kestrel's request line limit is a kind 414 either way; keep it in reach
                    }
                    await CheckAsync($"#{i} GET {route.Pattern} as {who}", await people[who].GetAsync(path), statuses);
                    break;
                }
                default:
                {
                    var route = routes[(i / 3) % routes.Count];
                    var who = (Who)inputs.Next(4);
                    target = "POST " + route.Pattern;
                    await CheckAsync($"#{i} raw POST {route.Pattern} as {who}", await PostRawAsync(people[who], route.Pattern, inputs), statuses);
                    break;
                }
            }
            slowest[target] = slowest.GetValueOrDefault(target) + (watch.Elapsed - started);
        }
        var elapsed = watch.Elapsed;

        Assert.Equal(ownerBefore, await DatabaseDigest.OfPersonAsync(connection, people.OwnerId, recordsOfRequests));
        Assert.Equal(emptyBefore, await DatabaseDigest.OfPersonAsync(connection, people.EmptyId, recordsOfRequests));
        // The owner is still signed in and unlocked, and their file still opens.
        var file = await people[Who.Owner].GetAsync($"/journal-file?id={people.FileId:D}");
        Assert.Equal(HttpStatusCode.OK, file.Status);
        TestContext.Current.TestOutputHelper?.WriteLine($"Bad input: {count:N0} inputs (seed {Seed}) in {elapsed.TotalSeconds:F1} s; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}; most time in {string.Join(", ", slowest.OrderByDescending(s => s.Value).Take(5).Select(s => $"{s.Key} {s.Value.TotalSeconds:F1} s"))}");
    }

    private static Task CheckAsync(string what, PageResponse page, SortedDictionary<int, int> statuses)
    {
        var status = (int)page.Status;
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        Assert.True(status < 500, $"{what}: {page}");
        if (status >= 400)
        {
            Assert.True(page.Text.Length > 0 || page.Html.Length > 0, $"{what}: a {status} with nothing to read");
        }
        if (page.ContentHeaders.ContentType?.MediaType is "text/html")
        {
            foreach (var live in BadInputs.LiveMarkup)
            {
                Assert.DoesNotContain(live, page.Html, StringComparison.OrdinalIgnoreCase);
            }
        }
        if (page.IsRedirect)
        {
            var location = page.Location ?? "";
            var local = location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && !location.StartsWith("/\\", StringComparison.Ordinal);
            // A redirect the framework made absolute (the sign-in challenge) stays on this host.
            Assert.True(local || location.StartsWith($"https://{KestrelApp.HostName}:", StringComparison.Ordinal), $"{what}: redirected off the site to {location}");
        }
        return Task.CompletedTask;
    }

    private static async Task<PageResponse> PostFormAsync(People people, Dictionary<(Who, string), IReadOnlyDictionary<string, string>> tokens, FormTarget form, BadInputs inputs, int hugeFile = 0)
    {
        var client = people[form.Who];
        if (!tokens.TryGetValue((form.Who, form.Page), out var hidden))
        {
            var page = await client.GetAsync(form.Page);
            hidden = page.Forms.FirstOrDefault(f => f.Hidden.ContainsKey(AccountFormClient.AntiforgeryField))?.Hidden
                ?? (await client.GetAsync("/account/login")).Forms[0].Hidden;
            tokens[(form.Who, form.Page)] = hidden;
        }
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in hidden)
        {
            if (name != AccountFormClient.HandlerField)
            {
                fields.Add(new(name, Uri.EscapeDataString(value)));
            }
        }
        if (form.Handler is not null)
        {
            fields.Add(new(AccountFormClient.HandlerField, form.Handler));
        }
        foreach (var name in form.Fields)
        {
            fields.Add(new(name, inputs.NextEncoded()));
        }
        if (inputs.Next(10) == 0)
        {
            fields.Add(new(inputs.Pick(form.Fields.Append("Input").ToArray()), inputs.NextEncoded())); // the same field twice
        }
        var target = new Uri(form.Action ?? form.Page, UriKind.Relative);
        HttpResponseMessage response;
        if (form.FileField is null)
        {
            using var body = new ByteArrayContent(Encoding.ASCII.GetBytes(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={f.Value}"))));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            response = await client.Http.PostAsync(target, body, Cancel);
        }
        else
        {
            using var body = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                body.Add(new StringContent(Uri.UnescapeDataString(value)), name);
            }
            var (fileName, bytes) = hugeFile > 0 ? ("export.zip", new byte[hugeFile]) : inputs.NextFile();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(inputs.Pick(["application/zip", "application/json", "text/html", "application/octet-stream"]));
            body.Add(file, form.FileField, fileName);
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = body };
            // As a browser's upload would wait for the server's word before sending tens of megabytes.
            request.Headers.ExpectContinue = hugeFile > 0;
            response = await client.Http.SendAsync(request, Cancel);
        }
        using (response)
        {
            var page = await PageResponse.ReadAsync(response);
            if (page.Status == HttpStatusCode.BadRequest)
            {
                tokens.Remove((form.Who, form.Page)); // a fresh token next time, in case this one was spent
            }
            return page;
        }
    }

    /// <summary>A body no form of the app sends: broken JSON, invalid UTF-8, a multipart with no boundary, junk bytes.</summary>
    private static async Task<PageResponse> PostRawAsync(AccountFormClient client, string path, BadInputs inputs)
    {
        var (mediaType, bytes) = inputs.Next(5) switch
        {
            0 => ("application/json", Encoding.UTF8.GetBytes("{\"Input.UserName\":\"" + Uri.UnescapeDataString(inputs.NextEncoded().Replace("%FF", "", StringComparison.Ordinal)))),
            1 => ("application/x-www-form-urlencoded", Encoding.ASCII.GetBytes($"_handler={inputs.NextEncoded()}&Input.Password={inputs.NextEncoded()}&{inputs.NextEncoded()}")),
            2 => ("multipart/form-data", Encoding.ASCII.GetBytes("--x\r\nContent-Disposition: form-data; name=\"export\"\r\n\r\nPK")),
            3 => ("multipart/form-data; boundary=\"unterminated", [0xFF, 0xFE, 0x00, 0x01]),
            _ => ("text/plain; charset=utf-8", [0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(Uri.UnescapeDataString(inputs.NextEncoded().Replace("%", "", StringComparison.Ordinal)))]),
        };
        using var body = new ByteArrayContent(bytes);
        body.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        var address = $"{path}?{QueryKeys[inputs.Next(QueryKeys.Length)]}={inputs.NextEncoded()}";
        using var response = await client.Http.PostAsync(new Uri(address[..Math.Min(address.Length, 4_000)], UriKind.Relative), body, Cancel);
        return await PageResponse.ReadAsync(response);
    }

    private sealed class People(Dictionary<Who, AccountFormClient> clients, string ownerId, string emptyId, Guid fileId) : IDisposable
    {
        public AccountFormClient this[Who who] => clients[who];

        public string OwnerId { get; } = ownerId;

        public string EmptyId { get; } = emptyId;

        public Guid FileId { get; } = fileId;

        public void Dispose()
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private async Task<People> PeopleAsync()
    {
        var (owner, ownerName, _) = await app.SignUpAsync("bad.owner");
        var (tester, _, _) = await app.SignUpAsync("bad.tester");
        var (empty, emptyName, _) = await app.SignUpAsync("bad.empty");
        var ownerId = (await app.FindUserAsync(ownerName))!.Id;
        using var key = (await app.ReadKeyringAsync(ownerId)).UnlockWithPassword(ownerId, AccountsApp.Password);
        var entry = await app.Services.GetRequiredService<JournalStore>().CreateAsync(ownerId, key, new EntryContent { WhatHappened = $"<script>{BadInputs.Marker}()</script> kept as text", Severity = 2 }, Cancel);
        var file = await app.Services.GetRequiredService<HealingCompass.Data.Journal.Attachments.JournalAttachmentStore>().AddAsync(ownerId, key, entry.EntryId!.Value, "a.png", new MemoryStream(TestFiles.Png()), Cancel);
        var clients = new Dictionary<Who, AccountFormClient> { [Who.Anonymous] = app.NewClient(), [Who.Tester] = tester, [Who.Owner] = owner, [Who.Empty] = empty };
        foreach (var client in new[] { owner, empty })
        {
            // Opening the two-step page makes the person's authenticator key once (as it would for anyone who looks).
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/two-step")).Status);
        }
        return new People(clients, ownerId, (await app.FindUserAsync(emptyName))!.Id, file.Attachment!.Id);
    }
}
