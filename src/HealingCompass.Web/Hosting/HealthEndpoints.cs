using System.Data.Common;
using HealingCompass.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealingCompass.Web.Hosting;

/// <summary>
/// `/healthz`: the process answers. `/healthz/ready`: the database answers and every migration is applied, so a
/// load balancer sends people only to an instance that can keep what they save. Each says one word (Healthy or
/// Unhealthy) and nothing else: no database name, no exception, no timing, for anyone who asks.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/healthz";

    public const string ReadyPath = "/healthz/ready";

    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        // The process alone: no check runs.
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatusAsync })
            .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteStatusAsync })
            .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
        return endpoints;
    }

    private static Task WriteStatusAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(report.Status == HealthStatus.Healthy ? "Healthy" : "Unhealthy", http.RequestAborted);
    }

    /// <summary>The database can be reached and has no migration waiting.</summary>
    internal sealed class DatabaseReadyCheck(IDbContextFactory<HealingCompassDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                if (!await db.Database.CanConnectAsync(cancellationToken))
                {
                    return HealthCheckResult.Unhealthy();
                }
                return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any() ? HealthCheckResult.Unhealthy() : HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // Unreachable or unreadable: not ready. The reason stays out of the answer.
                return HealthCheckResult.Unhealthy();
            }
        }
    }
}
