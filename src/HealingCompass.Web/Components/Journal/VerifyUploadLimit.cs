using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace HealingCompass.Web.Components.Journal;

/// <summary>How many checks one address may ask of <c>/verify</c> in a minute.</summary>
public sealed class VerifyOptions
{
    public const string SectionName = "Verify";

    /// <summary>Each check reads and hashes up to 25 MB, for anyone, without an account: enough for a person, not for a flood.</summary>
    public int ChecksPerAddressPerMinute { get; set; } = 20;
}

/// <summary>
/// The limit on uploads to the open check page, per client address (read through known proxies only). Looking at
/// the page is never limited; a rejected upload gets a calm page of its own, since nothing was sent to an account.
/// </summary>
internal sealed class VerifyUploadLimit : IRateLimiterPolicy<string>
{
    public const string PolicyName = "verify-uploads";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => WriteWaitPageAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("verify:read");
        }
        var permits = httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<VerifyOptions>>().CurrentValue.ChecksPerAddressPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(
            "verify:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }

    private static async ValueTask WriteWaitPageAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            """
            <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Please wait a moment · HealingCompass</title><script src="/js/quick-exit.js"></script></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6">
            <main><h1>Please wait a moment</h1>
            <p>This connection has asked for many checks in the last minute, so the check page is pausing briefly. Your file was not read or kept.
            Please try again in a minute.</p>
            <p><a href="/verify">Back to the check page</a> · <a href="/">Go to the start</a></p></main>
            </body></html>
            """,
            cancellationToken);
    }
}

internal static class VerifySetup
{
    public static IServiceCollection AddVerifyUploadLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VerifyOptions>().Bind(configuration.GetSection(VerifyOptions.SectionName));
        // Per instance on purpose: it guards this instance's CPU and memory against a flood of uploads, which is a
        // per-machine cost; account attempts, which guard secrets, are counted across instances (AttemptLimit).
        services.AddRateLimiter(o => o.AddPolicy<string, VerifyUploadLimit>(VerifyUploadLimit.PolicyName));
        return services;
    }
}
