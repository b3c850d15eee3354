using HealingCompass.Domain.Content;
using HealingCompass.Domain.Resources;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Assessment;
using HealingCompass.Web.Components.Activity;
using HealingCompass.Web.Components;
using HealingCompass.Web.Components.CheckIns;
using HealingCompass.Web.Components.Journal;
using HealingCompass.Web.Components.Layout;
using HealingCompass.Web.Components.MyData;
using HealingCompass.Web.Components.Safety;
using HealingCompass.Web.Components.Storage;
using HealingCompass.Web.Hosting;
using HealingCompass.Web.Resources;
using HealingCompass.Web.Safety;
using MudBlazor.Services;
using Serilog;
using Serilog.Events;

namespace HealingCompass.Web;

/// <summary>How the web layer registers itself and builds its request pipeline.</summary>
public static class DependencyInjection
{
    internal static readonly string[] PrivateSources =
    [
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.SignalR",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Server.Kestrel",
    ];

    /// <summary>Serilog from configuration. Request logging records method, path and status only.</summary>
    public static WebApplicationBuilder AddWebLogging(this WebApplicationBuilder builder)
    {
        // Outside Development, serve static assets from the build's manifest too (a published app has
        // none and is unaffected): `dotnet run` in Production then gets the precompressed files.
        if (!builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services);
            // Below Information these frameworks log the values of UI events and hub messages, which are
            // what the person typed. Pinned in code, after configuration, so no setting can lower them.
            foreach (var source in PrivateSources)
            {
                logger.MinimumLevel.Override(source, LogEventLevel.Information);
            }
        }, preserveStaticLogger: true); // this host's own logger: the static one is shared by every host in a process, and disposing any host would silence it
        return builder;
    }

    /// <summary>Components, MudBlazor, the domain's content and the per-visit assessment state.</summary>
    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                // A phone that loses signal or locks its screen gets this long to come back to the same
                // circuit with every answer intact (the default is 3 minutes).
                options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(20);
                options.DetailedErrors = false;
            });
        services.AddMudServices();
        services.AddSingleton<Components.Layout.LightThemeStyle>();
        services.AddAccounts(configuration);
        services.AddKeyRing(configuration);
        services.AddTransportSecurity();

        // The domain is package-free (ADR 1): its content loads once and is shared read-only.
        services.AddSingleton(_ => ContentCatalog.Default);
        services.AddSingleton(_ => ResourceDirectory.Default);
        services.AddSingleton<WalkThrough>();

        services.AddOptions<QuickExitOptions>()
            .Bind(configuration.GetSection(QuickExitOptions.SectionName))
            .Validate(o => QuickExitOptions.IsSafeUrl(o.NeutralUrl), "QuickExit:NeutralUrl must be an absolute http(s) address.")
            .ValidateOnStart();

        // Scoped = one per circuit: a visit's answers live in server memory only, never on disk.
        // The journal report's attachment bytes: none until the attachment store provides them.

        services.AddScoped<AssessmentSession>();
        services.AddScoped<RegionChoice>();
        services.AddScoped<DraftKeeper>();
        services.AddScoped<VisitKeeper>();
        services.AddCheckIns();
        services.AddVerifyUploadLimit(configuration);
        services.AddActivity(configuration);
        services.AddHealth();
        services.AddDocumentCompression();
        return services;
    }

    /// <summary>The request pipeline: errors without stack traces, privacy headers, static assets, components.</summary>
    public static WebApplication UseWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseResponseCompression();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSerilogRequestLogging();
        app.UseMiddleware<PrivacyHeadersMiddleware>();
        app.UseMiddleware<StorageTroublePage>();
        app.UseAuthentication();
        app.UseMiddleware<AttemptLimit>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<AntiforgeryFailurePage>();

        app.MapStaticAssets();
        app.MapLightThemeStylesheet();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapJournalExport();
        app.MapMyDataExport();
        app.MapJournalFiles();
        app.MapQuickWipe();
        app.MapHealth();
        return app;
    }
}
