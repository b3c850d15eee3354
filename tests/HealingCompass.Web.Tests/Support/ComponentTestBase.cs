using Bunit;
using Bunit.TestDoubles;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Resources;
using HealingCompass.Web.Assessment;
using HealingCompass.Web.Resources;
using HealingCompass.Web.Safety;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace HealingCompass.Web.Tests.Support;

/// <summary>
/// A bunit context wired as the app wires itself (DependencyInjection.AddWeb): MudBlazor, the shipped content
/// and resources, the walk-through, and one visit's session and region choice. JS calls are answered loosely
/// (MudBlazor's own calls are not what these tests prove) and the renderer says it is interactive, as on a
/// live circuit.
/// </summary>
public abstract class ComponentTestBase : BunitContext
{
    protected ComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(ContentCatalog.Default);
        Services.AddSingleton(ResourceDirectory.Default);
        Services.AddSingleton<WalkThrough>();
        Services.AddScoped<AssessmentSession>();
        Services.AddScoped<RegionChoice>();
        Services.AddOptions<QuickExitOptions>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>This visit's answers, shared by every component the test renders.</summary>
    protected AssessmentSession Session => Services.GetRequiredService<AssessmentSession>();

    /// <summary>This visit's chosen region.</summary>
    protected RegionChoice RegionChoice => Services.GetRequiredService<RegionChoice>();

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    /// <summary>The path the app last navigated to, e.g. "/results".</summary>
    protected string CurrentPath => "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
}
