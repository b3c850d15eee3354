using HealingCompass.Data.Journal;
using HealingCompass.Domain.Activity;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Web.Components.Activity;
using HealingCompass.Web.Components.CheckIns;

namespace HealingCompass.Web.Components.Journal;

/// <summary>
/// The evidence ZIP for the signed-in person with an unlocked key: never a static file, never cached, a neutral
/// file name, and nothing about it in the logs beyond the path every request logs.
/// </summary>
public static class JournalExportEndpoint
{
    public static IEndpointRouteBuilder MapJournalExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(JournalPaths.Export, async Task<IResult> (HttpContext http, PersonalData data, JournalExporter exporter, ActivityLog activity) =>
        {
            http.Response.Headers.CacheControl = "no-store, max-age=0";
            var access = data.Open(http.User);
            if (!access.IsOpen)
            {
                // Signed out or locked: the journal page says which and offers the way back in.
                return TypedResults.Redirect(JournalPaths.Home);
            }
            var export = await exporter.ExportAsync(access.UserId, access.Key, http.RequestAborted);
            var buffer = new MemoryStream();
            var files = await exporter.ExportFilesAsync(access.UserId, access.Key, export, http.RequestAborted);
            EvidenceZip.Write(buffer, export, files);
            buffer.Position = 0;
            await activity.RecordAsync(access.UserId, ActivityKind.JournalExported, http);
            return TypedResults.File(buffer, "application/zip", EvidenceZip.DownloadName);
        });
        return endpoints;
    }
}
