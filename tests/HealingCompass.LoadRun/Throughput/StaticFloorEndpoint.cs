using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.LoadRun.Throughput;

/// <summary>
/// Serves <see cref="StaticFloor"/> at <see cref="Path"/> through the app's own pipeline, from the load run's host only.
/// </summary>
/// <remarks>
/// Not a <c>MapGet</c>: the app's route table belongs to its <c>WebApplication</c>, which the factory never hands out,
/// and a startup filter only sees the outer application builder, where a <c>MapGet</c> would need routing and
/// endpoints of its own in front of the app's middleware (so the floor would skip compression, the privacy headers,
/// logging and the rest). Instead the filter puts one middleware in front that, for this one path, sets the endpoint;
/// the app's routing then skips matching (it does whenever an endpoint is already set) and everything else runs as for
/// any page, down to the app's endpoint middleware, which invokes it.
/// </remarks>
internal sealed class StaticFloorEndpoint : IStartupFilter
{
    public const string Path = "/loadrun/static-floor";

    private static readonly Endpoint Floor = new(
        context => new RazorComponentResult<StaticFloor>().ExecuteAsync(context),
        new EndpointMetadataCollection(new HttpMethodMetadata(["GET"])),
        "Load run: static floor");

    public static void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, StaticFloorEndpoint>());

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(inner => context =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Equals(Path, StringComparison.Ordinal))
            {
                context.SetEndpoint(Floor);
            }
            return inner(context);
        });
        next(app);
    };
}
