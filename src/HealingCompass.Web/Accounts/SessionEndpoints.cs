using System.Security.Claims;
using HealingCompass.Domain.Activity;
using HealingCompass.Web.Components.Activity;
using HealingCompass.Web.Safety;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace HealingCompass.Web.Accounts;

/// <summary>Quick exit's lock and the "Where you're signed in" page's buttons. None of them is rate limited.</summary>
internal static class SessionEndpoints
{
    public const string LockPath = AccountsSetup.AccountPathPrefix + "/lock";
    public const string SessionsPath = AccountsSetup.AccountPathPrefix + "/sessions";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Quick exit posts here with navigator.sendBeacon as it leaves (wwwroot/js/quick-exit.js), and again
        // on the next page load if it could not tell that the lock went through. It carries no antiforgery
        // token (a token rendered into every page would sit in the markup of every cached page); instead the
        // cookie is SameSite=Strict and the request must come from this site's own origin. The worst another
        // site could do without that check is sign the person out. It leaves no line in the account's
        // activity: whoever reads it later must not learn that the person left in a hurry.
        endpoints.MapPost(LockPath, async Task<IResult> (HttpContext http, SessionStore sessions) =>
        {
            if (!IsSameOrigin(http.Request))
            {
                return TypedResults.BadRequest();
            }
            if (http.User.Identity?.IsAuthenticated == true)
            {
                await sessions.EndAsync(http.User.FindFirstValue(SessionClaims.SessionId));
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
            return TypedResults.NoContent();
        });

        endpoints.MapPost(SessionsPath + "/end", async Task<IResult> (HttpContext http, SessionStore sessions, IAntiforgery antiforgery, ActivityLog activity) =>
        {
            if (!await AntiforgeryFailurePage.HasValidTokenAsync(antiforgery, http))
            {
                return TypedResults.BadRequest();
            }
            if (http.User.Identity?.IsAuthenticated != true || http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            {
                return TypedResults.LocalRedirect("~" + AccountsSetup.AccountPathPrefix + "/login");
            }
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var handle = form["session"].ToString();
            var current = http.User.FindFirstValue(SessionClaims.SessionId);
            var isThisBrowser = (await sessions.ListAsync(userId, current)).Any(s => s.IsThisBrowser && s.Handle == handle);
            if (isThisBrowser)
            {
                await activity.RecordAsync(userId, ActivityKind.SignedOut, http);
                await sessions.EndAsync(current);
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                http.Response.Headers["Clear-Site-Data"] = "\"cache\", \"cookies\", \"storage\"";
                return TypedResults.LocalRedirect("~/");
            }
            if (await sessions.EndByHandleAsync(userId, handle))
            {
                await activity.RecordAsync(userId, ActivityKind.OtherSessionsEnded, http);
            }
            return TypedResults.LocalRedirect("~" + SessionsPath);
        });

        endpoints.MapPost(SessionsPath + "/end-others", async Task<IResult> (HttpContext http, SessionStore sessions, IAntiforgery antiforgery, ActivityLog activity) =>
        {
            if (!await AntiforgeryFailurePage.HasValidTokenAsync(antiforgery, http))
            {
                return TypedResults.BadRequest();
            }
            if (http.User.Identity?.IsAuthenticated != true || http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            {
                return TypedResults.LocalRedirect("~" + AccountsSetup.AccountPathPrefix + "/login");
            }
            await sessions.EndAllForAsync(userId, http.User.FindFirstValue(SessionClaims.SessionId));
            await activity.RecordAsync(userId, ActivityKind.OtherSessionsEnded, http);
            return TypedResults.LocalRedirect("~" + SessionsPath);
        });
    }

    /// <summary>The request's Origin (or, without one, Sec-Fetch-Site) says it came from this site itself.</summary>
    internal static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        }
        return string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "same-origin", StringComparison.Ordinal);
    }
}
