using Bunit;
using Bunit.TestDoubles;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Resources;
using HealingCompass.Data;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.Plans;
using HealingCompass.Domain.CheckIns;
using HealingCompass.Web.Components.CheckIns;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Assessment;
using HealingCompass.Web.Resources;
using HealingCompass.Web.Safety;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
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
    // bunit waits one second by default for a render to show what a test waits for. Here that render may follow a
    // real SQLite write and a key derivation on a busy CI machine: a wait ends as soon as its assertion passes, so a
    // longer limit only changes how long a real failure takes to report. bunit's setting is process-wide: set once.
    static ComponentTestBase() => DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    protected ComponentTestBase()
        : this(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider())
    {
    }

    /// <param name="tabKeys">The Data Protection keys the tab's copy of the visit is encrypted with; share them to play a second circuit.</param>
    /// <param name="time">The clock the app's services read; the system clock unless a test sets one.</param>
    protected ComponentTestBase(Microsoft.AspNetCore.DataProtection.IDataProtectionProvider tabKeys, TimeProvider? time = null)
    {
        TabKeys = tabKeys;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(ContentCatalog.Default);
        Services.AddSingleton(ResourceDirectory.Default);
        Services.AddSingleton<WalkThrough>();
        Services.AddScoped<AssessmentSession>();
        Services.AddScoped<RegionChoice>();
        Services.AddOptions<QuickExitOptions>();
        // Accounts as the app registers them; bunit's authorization double supplies the signed-in state
        // (anonymous unless a test says otherwise). The store's SQLite file is only opened when used.
        Authorization = AddAuthorization();
        Services.AddSingleton(time ?? TimeProvider.System);
        Services.AddOptions<AccountOptions>();
        Services.AddSingleton<UnlockedKeys>();
        Services.AddScoped<AccountAccess>();
        Services.AddDbContextFactory<HealingCompassDbContext>(o => o.UseSqlite($"Data Source={DatabasePath}"));
        Services.AddSingleton<SavedAssessmentStore>();
        Services.AddSingleton<HealingCompass.Data.Journal.JournalStore>();
        Services.AddSingleton<HealingCompass.Data.MyData.MyDataImporter>();
        Services.AddSingleton<HealingCompass.Data.Journal.Attachments.JournalAttachmentStore>();
        Services.AddScoped<DraftKeeper>();
        // The kept plan, as the app registers it: the results and plan pages show its parts to signed-in people.
        Services.AddSingleton(CheckInQuestions.Default);
        Services.AddSingleton(sp => new CheckInClock(sp.GetRequiredService<TimeProvider>()));
        Services.AddSingleton<PlanStore>();
        Services.AddSingleton<HealingCompass.Data.CheckIns.CheckInStore>();
        Services.AddCheckIns();
        // The "last signed in" line on the welcome and journal pages reads the activity log.
        Services.AddSingleton<HealingCompass.Data.Activity.ActivityStore>();
        Services.AddSingleton<HealingCompass.Web.Components.Activity.SignInNotice>();
        Services.AddSingleton<HealingCompass.Web.Components.Activity.PersonTimeZone>();
        // The tab's encrypted copy of the visit: real Data Protection, bunit's JS interop stands in for the tab.
        Services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(TabKeys);
        Services.AddScoped<Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage.ProtectedSessionStorage>();
        Services.AddScoped<VisitKeeper>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected Microsoft.AspNetCore.DataProtection.IDataProtectionProvider TabKeys { get; }

    /// <summary>A SQLite file of this test's own, should a test save anything.</summary>
    protected string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"healingcompass-bunit-{Guid.NewGuid():N}.db");

    /// <summary>Who the components see as signed in.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>This visit's answers, shared by every component the test renders.</summary>
    protected AssessmentSession Session => Services.GetRequiredService<AssessmentSession>();

    /// <summary>This visit's chosen region.</summary>
    protected RegionChoice RegionChoice => Services.GetRequiredService<RegionChoice>();

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    /// <summary>The path the app last navigated to, e.g. "/results".</summary>
    protected string CurrentPath => "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
}
