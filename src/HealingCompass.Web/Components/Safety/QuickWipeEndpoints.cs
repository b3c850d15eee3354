using HealingCompass.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;

namespace HealingCompass.Web.Components.Safety;

/// <summary>
/// Quick wipe (ADR 15): the button and Alt+Shift+W on every signed-in page (<c>wwwroot/js/quick-wipe.js</c>)
/// count down ten seconds, then post here and leave through quick exit. It needs the sign-in cookie, not the
/// password, and works while the saved data is locked: a person who needs it may not be able to type, or the
/// page may have locked while they were away. Never rate limited (leaving must always work).
/// </summary>
public static class QuickWipeEndpoints
{
    public const string WipePath = AccountsSetup.AccountPathPrefix + "/wipe";

    public const string TokenPath = WipePath + "/token";

    public static IEndpointRouteBuilder MapQuickWipe(this IEndpointRouteBuilder endpoints)
    {
        // The countdown asks for a token when it starts, rather than every page carrying one in its markup.
        // Only this site's own pages can read the answer (same-origin policy), and it is never cached.
        endpoints.MapGet(TokenPath, IResult (HttpContext http, IAntiforgery antiforgery) =>
        {
            // What antiforgery would set anyway for a response carrying a token.
            http.Response.Headers.CacheControl = "no-cache, no-store";
            http.Response.Headers.Pragma = "no-cache";
            if (http.User.Identity?.IsAuthenticated != true || !SessionEndpoints.IsSameOrigin(http.Request))
            {
                return TypedResults.NotFound();
            }
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Json(new QuickWipeToken(tokens.FormFieldName, tokens.RequestToken ?? ""));
        });

        // The answer is always "no content" for a signed-in request that passes the checks: the page leaves
        // for the neutral site either way, and nothing it shows says what happened.
        endpoints.MapPost(WipePath, async Task<IResult> (HttpContext http, IAntiforgery antiforgery, AccountRemoval removal) =>
        {
            if (!SessionEndpoints.IsSameOrigin(http.Request) || !await antiforgery.IsRequestValidAsync(http))
            {
                return TypedResults.BadRequest();
            }
            if (http.User.Identity?.IsAuthenticated == true)
            {
                await removal.RemoveAsync(http);
            }
            return TypedResults.NoContent();
        });
        return endpoints;
    }

    /// <summary>The antiforgery field and token the countdown posts with.</summary>
    public sealed record QuickWipeToken(string Field, string Token);
}
