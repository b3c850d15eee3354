using HealingCompass.Data.Accounts;
using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// The limits on account attempts, counted in the database so they hold however many instances answer (ADR 18):
/// a looser one per client address (read through known proxies only, see <see cref="AccountRequests"/>), so a
/// household or office behind one address is not blocked by one person, and one per username, so one account's
/// guessing never blocks another's owner. The address is counted first; a refused attempt is not counted against
/// the name.
/// </summary>
internal sealed class AttemptLimit(RequestDelegate next)
{
    public const int RetryAfterSeconds = AttemptCounter.WindowSeconds;

    public async Task InvokeAsync(HttpContext http, AttemptCounter counter, IOptionsMonitor<AccountOptions> options)
    {
        if (!AccountsSetup.IsAccountAttempt(http.Request))
        {
            await next(http);
            return;
        }
        var limits = options.CurrentValue;
        var address = "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (await counter.CountAsync(address, http.RequestAborted) > limits.AttemptsPerAddressPerMinute
            || await counter.CountAsync("name:" + AccountRequests.AttemptedUserName(http), http.RequestAborted) > limits.AttemptsPerMinute)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await AccountsSetup.WriteTooManyAttemptsAsync(http, http.RequestAborted);
            return;
        }
        await next(http);
    }
}
