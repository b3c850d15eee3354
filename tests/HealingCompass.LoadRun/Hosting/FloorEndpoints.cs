using HealingCompass.LoadRun.Circuits;
using HealingCompass.LoadRun.Throughput;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.LoadRun.Hosting;

/// <summary>
/// Serves the load runs' floor pages through the app's own pipeline, from the load run only: <see cref="StaticFloor"/>
/// at <see cref="StaticPath"/> (the throughput run's floor) and <see cref="CounterFloor"/> at <see cref="CounterPath"/>
/// (the circuits run's in-app floor: a counter with no layout and no MudBlazor).
/// </summary>
/// <remarks>
/// Not a <c>MapGet</c>: the app's route table belongs to its <c>WebApplication</c>, which the factory never hands out,
/// and a startup filter only sees the outer application builder, where a <c>MapGet</c> would need routing and
/// endpoints of its own in front of the app's middleware (so the floor would skip compression, the privacy headers,
/// logging and the rest). Instead the filter puts one middleware in front that, for these paths, sets the endpoint;
/// the app's routing then skips matching (it does whenever an endpoint is already set) and everything else runs as for
/// any page, down to the app's endpoint middleware, which invokes it.
/// </remarks>
internal sealed class FloorEndpoints : IStartupFilter
{
    public const string StaticPath = "/loadrun/static-floor";
    public const string CounterPath = "/loadrun-counter-floor";

    private static readonly Dictionary<string, Endpoint> Floors = new(StringComparer.Ordinal)
    {
        [StaticPath] = Floor<StaticFloor>("Load run: static floor"),
        [CounterPath] = Floor<CounterFloor>("Load run: counter floor"),
    };

    public static void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FloorEndpoints>());

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(inner => context =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && Floors.TryGetValue(context.Request.Path.Value ?? "", out var floor))
            {
                context.SetEndpoint(floor);
            }
            return inner(context);
        });
        next(app);
    };

    private static Endpoint Floor<TComponent>(string name)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new(context => new RazorComponentResult<TComponent>().ExecuteAsync(context),
            new EndpointMetadataCollection(new HttpMethodMetadata(["GET"])),
            name);
}
