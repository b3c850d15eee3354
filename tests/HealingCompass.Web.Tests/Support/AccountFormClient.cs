using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace HealingCompass.Web.Tests.Support;

/// <summary>
/// Uses the static account forms the way a browser does: it keeps cookies, GETs the page first, takes the
/// form's hidden fields (Blazor's <c>_handler</c> and the antiforgery token), and posts them back with what a
/// person typed. Redirects are not followed, so tests can see where each answer points.
/// </summary>
internal sealed partial class AccountFormClient : IDisposable
{
    public const string AntiforgeryField = "__RequestVerificationToken";
    public const string HandlerField = "_handler";

    /// <summary>Uses a client made elsewhere: one over HTTPS to <see cref="KestrelApp"/>, which keeps cookies and follows no redirects.</summary>
    public AccountFormClient(HttpClient http) => Http = http;

    /// <summary>The underlying client, with this client's cookies.</summary>
    public HttpClient Http { get; }

    public async Task<PageResponse> GetAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return await PageResponse.ReadAsync(response);
    }

    /// <summary>GETs a page that must hold a form (an antiforgery token), for its hidden fields.</summary>
    public async Task<PageResponse> GetFormAsync(string path)
    {
        var page = await GetAsync(path);
        if (page.Status != HttpStatusCode.OK || page.Forms.Count == 0)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)page.Status} with {page.Forms.Count} form(s); expected a page with a form.");
        }
        return page;
    }

    /// <summary>
    /// Fills in and submits a form on the page at <paramref name="path"/>: the Blazor form named
    /// <paramref name="formName"/> (its <c>_handler</c>), or, when that is null, the plain form whose action is
    /// <paramref name="action"/>. The form's hidden fields go along; <paramref name="fields"/> are what was typed.
    /// </summary>
    public async Task<PageResponse> PostFormAsync(string path, string? formName, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var page = await GetFormAsync(path);
        var form = page.Forms.FirstOrDefault(f => formName is null
                ? string.Equals(f.Action, action, StringComparison.Ordinal)
                : f.Hidden.Any(h => h.Key == HandlerField && h.Value == formName))
            ?? throw new InvalidOperationException($"No form {formName ?? action} on {path}; found: {string.Join(", ", page.Forms.Select(f => f.ToString()))}.");

        var body = new Dictionary<string, string>(form.Hidden, StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            body[name] = value;
        }
        return await PostRawAsync(action ?? form.Action ?? path, body);
    }

    /// <summary>Posts exactly these fields, with no antiforgery token or handler unless they are among them.</summary>
    public async Task<PageResponse> PostRawAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await Http.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
        return await PageResponse.ReadAsync(response);
    }

    public Task<PageResponse> RegisterAsync(string userName, string password, string? confirmPassword = null, bool understandsRecovery = true)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirmPassword ?? password,
        };
        if (understandsRecovery)
        {
            fields["Input.UnderstandsRecovery"] = "true";
        }
        return PostFormAsync("/account/register", "register", fields);
    }

    public Task<PageResponse> SignInAsync(string userName, string password) =>
        PostFormAsync("/account/login", "sign-in", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    /// <summary>Sign-in with two-step on: the password and the code (from the app, or a recovery code) on one form.</summary>
    public Task<PageResponse> SignInAsync(string userName, string password, string code) =>
        PostFormAsync("/account/login", "sign-in", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["Input.Code"] = code,
        });

    /// <summary>The two-step page's "Switch two-step sign-in on", with the code the app shows.</summary>
    public Task<PageResponse> TurnOnTwoStepAsync(string code) =>
        PostFormAsync("/account/two-step", "two-step-on", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OnInput.Code"] = code,
        });

    public Task<PageResponse> ChangePasswordAsync(string currentPassword, string newPassword) =>
        PostFormAsync("/account/password", "change-password", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.CurrentPassword"] = currentPassword,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

    /// <summary>Change password with "also give me a new recovery key" ticked.</summary>
    public Task<PageResponse> ChangePasswordWithNewRecoveryKeyAsync(string currentPassword, string newPassword) =>
        PostFormAsync("/account/password", "change-password", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.CurrentPassword"] = currentPassword,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
            ["Input.NewRecoveryKey"] = "true",
        });

    /// <summary>The "Get a new recovery key" page, which asks for the password.</summary>
    public Task<PageResponse> NewRecoveryKeyAsync(string password) =>
        PostFormAsync("/account/recovery-key", "new-recovery-key", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.Password"] = password,
        });

    public Task<PageResponse> RecoverAsync(string userName, string recoveryKey, string newPassword) =>
        PostFormAsync("/account/recover", "recover", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.UserName"] = userName,
            ["Input.RecoveryKey"] = recoveryKey,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

    /// <summary>The "Sign out" button on the account page.</summary>
    public Task<PageResponse> SignOutAsync() => PostFormAsync("/account", formName: null, [], action: "/account/logout");

    public void Dispose() => Http.Dispose();

    /// <summary>The recovery key in its written form (eight groups of four Crockford base32 symbols).</summary>
    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$")]
    public static partial Regex RecoveryKeyFormat();
}

/// <summary>One form on a page: where it posts and its hidden fields.</summary>
internal sealed record PageForm(string? Action, IReadOnlyDictionary<string, string> Hidden)
{
    public override string ToString() => $"form(action={Action ?? "(same page)"}, {HandlerName()})";

    private string HandlerName() => Hidden.TryGetValue(AccountFormClient.HandlerField, out var name) ? name : "no handler";
}

/// <summary>A response read in full: status, headers, cookies set, and the page as markup and as visible text.</summary>
internal sealed class PageResponse
{
    private readonly IDocument document;

    private PageResponse(HttpResponseMessage response, string html)
    {
        Status = response.StatusCode;
        Headers = response.Headers;
        ContentHeaders = response.Content.Headers;
        Html = html;
        document = new HtmlParser().ParseDocument(html);
        Forms = [.. document.QuerySelectorAll("form").OfType<IHtmlFormElement>().Select(ToForm)];
        foreach (var hidden in document.QuerySelectorAll("style, script, template").ToList())
        {
            hidden.Remove(); // not words on the page
        }
        Text = Markup.Squash(document.Body?.TextContent ?? html);
        SetCookies = response.Headers.TryGetValues("Set-Cookie", out var cookies) ? [.. cookies] : [];
    }

    public HttpStatusCode Status { get; }

    public HttpResponseHeaders Headers { get; }

    public HttpContentHeaders ContentHeaders { get; }

    public string Html { get; }

    /// <summary>The words a person sees, entities decoded and white space folded.</summary>
    public string Text { get; }

    public IReadOnlyList<PageForm> Forms { get; }

    public IReadOnlyList<string> SetCookies { get; }

    /// <summary>Where a redirect points, as the app wrote it.</summary>
    public string? Location => Headers.Location?.OriginalString;

    public bool IsRedirect => (int)Status is >= 300 and < 400;

    /// <summary>The Set-Cookie header for <paramref name="name"/>, if this response set it.</summary>
    public string? SetCookie(string name) =>
        SetCookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    /// <summary>The text of the first element matching <paramref name="selector"/>, or null.</summary>
    public string? TextOf(string selector) =>
        document.QuerySelector(selector) is { } element ? Markup.Squash(element.TextContent) : null;

    public static async Task<PageResponse> ReadAsync(HttpResponseMessage response) =>
        new(response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    public override string ToString() => $"{(int)Status} {Location} {Text[..Math.Min(Text.Length, 300)]}";

    private static PageForm ToForm(IHtmlFormElement form)
    {
        var hidden = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            if (!string.IsNullOrEmpty(input.Name))
            {
                hidden[input.Name] = input.Value;
            }
        }
        return new PageForm(form.GetAttribute("action"), hidden);
    }
}
