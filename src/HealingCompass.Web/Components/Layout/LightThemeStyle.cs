using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace HealingCompass.Web.Components.Layout;

/// <summary>
/// The light theme's CSS variables, rendered by MudBlazor's own <see cref="MudThemeProvider"/> once per process and
/// then written into every page's head as they are. Building them per request (12,000 characters of colour
/// formatting, plus the provider's dark-mode watcher set up and torn down) was about a sixth of what a static page
/// cost to render (docs/performance.md, issue 15). The theme is a constant, so its markup is too.
/// </summary>
internal sealed class LightThemeStyle(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly Lazy<MarkupString> markup = new(() =>
        // Off the caller's renderer: this renderer has its own dispatcher, and waiting on it from inside another
        // renderer's synchronisation context could wait forever.
        Task.Run(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(MudThemeProvider.Theme)] = HealingCompassTheme.Theme,
                    [nameof(MudThemeProvider.IsDarkMode)] = false,
                }));
                return output.ToHtmlString();
            });
            return new MarkupString(html);
        }).GetAwaiter().GetResult());

    public MarkupString Markup => markup.Value;
}
