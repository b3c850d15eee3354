using System.Net;
using System.Text.RegularExpressions;

namespace HealingCompass.LoadRun.CheckIns;

/// <summary>
/// One person's browser, as far as forms go: their cookies (kept by hand, because the app's cookies are
/// Secure and .NET's cookie container will not send those over loopback HTTP), and a form's hidden fields.
/// </summary>
internal sealed partial class FormPerson(HttpClient http, string userName)
{
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    public string UserName { get; } = userName;

    /// <summary>The cookies the app has set so far (for a browser to carry on as this person).</summary>
    public IReadOnlyDictionary<string, string> Cookies => cookies;

    /// <summary>Carries on with cookies another client got (the same person, signed in elsewhere).</summary>
    public void Adopt(IReadOnlyDictionary<string, string> from)
    {
        foreach (var (name, value) in from)
        {
            cookies[name] = value;
        }
    }

    public async Task<(HttpStatusCode Status, string Html)> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        using var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';', 2)[0].Split('=', 2);
                if (pair.Length == 2)
                {
                    cookies[pair[0]] = pair[1];
                }
            }
        }
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The hidden fields of the Blazor form named <paramref name="handler"/> on the page.</summary>
    public static List<KeyValuePair<string, string>> HiddenFields(string html, string handler)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            var fields = new List<KeyValuePair<string, string>>();
            foreach (Match input in InputPattern().Matches(form.Value))
            {
                var tag = input.Value;
                if (Attribute(tag, "type") == "hidden" && Attribute(tag, "name") is { } name)
                {
                    fields.Add(new(name, WebUtility.HtmlDecode(Attribute(tag, "value") ?? "")));
                }
            }
            if (fields.Any(f => f.Key == "_handler" && f.Value == handler))
            {
                return fields;
            }
        }
        throw new InvalidOperationException($"No form '{handler}' on the page.");
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<form[\\s\\S]*?</form>")]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();
}
