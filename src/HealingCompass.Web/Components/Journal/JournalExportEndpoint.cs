using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Domain.Activity;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Web.Components.Activity;
using HealingCompass.Web.Components.CheckIns;
using HealingCompass.Web.Components.Journal.Report;

namespace HealingCompass.Web.Components.Journal;

/// <summary>
/// The journal export for the signed-in person with an unlocked key, as the ZIP (README.txt, journal.json, the
/// entries' files, the PDF) or the PDF alone: never a static file, never cached, a neutral file name, and nothing about it in the logs beyond
/// the path every request logs. The ZIP is written to the response as it is built.
/// </summary>
public static class JournalExportEndpoint
{
    public static IEndpointRouteBuilder MapJournalExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(JournalPaths.Export, async Task<IResult> (HttpContext http, PersonalData data, JournalExporter exporter, JournalAttachmentStore files, ActivityLog activity) =>
        {
            http.Response.Headers.CacheControl = "no-store, max-age=0";
            var access = data.Open(http.User);
            if (!access.IsOpen)
            {
                // Signed out or locked: the journal page says which and offers the way back in.
                return TypedResults.Redirect(JournalPaths.Home);
            }
            if (!ExportRequest.TryParse(http.Request.Query, out var request))
            {
                // Only a hand-made address gets here; the form sends days it can read. Back to the form, kindly.
                return TypedResults.Redirect($"{JournalPaths.Home}?{ExportRequest.ProblemQuery}=period#journal-export-title");
            }
            var export = await exporter.ExportAsync(access.UserId, access.Key, request.Period, http.RequestAborted);
            var images = await ImagesAsync(export, files, access.UserId, access.Key, http.RequestAborted);
            var pdf = JournalReportPdf.Write(export, images);
            await activity.RecordAsync(access.UserId, ActivityKind.JournalExported, http);
            if (request.Format == ExportFormat.Pdf)
            {
                return TypedResults.File(pdf, "application/pdf", EvidenceZip.ReportName);
            }
            return new StreamedZip(export, pdf, exporter.StreamFilesAsync(access.UserId, access.Key, export, http.RequestAborted));
        });
        return endpoints;
    }

    /// <summary>
    /// For the report's small pictures: the copy without metadata of every image listed in the versions whose words
    /// are in the export. Not the original: a picture embedded in a PDF keeps its hidden details (a JPEG's GPS
    /// position among them), and a report is made to be shared. The report lists each original's SHA-256.
    /// </summary>
    internal static async Task<Dictionary<Guid, byte[]>> ImagesAsync(JournalExport export, JournalAttachmentStore files, string userId, DataKey key, CancellationToken cancellationToken)
    {
        var images = new Dictionary<Guid, byte[]>();
        foreach (var file in ReportEntries.From(export).SelectMany(e => e.Versions).SelectMany(v => v.Content?.Attachments ?? []))
        {
            if (file.MediaType.StartsWith("image/", StringComparison.Ordinal) && !images.ContainsKey(file.Id)
                && await files.OpenWithoutMetadataAsync(userId, key, file.Id, cancellationToken) is { } bytes)
            {
                images[file.Id] = bytes;
            }
        }
        return images;
    }

    private sealed class StreamedZip(JournalExport export, byte[] pdf, IAsyncEnumerable<ExportedFile> files) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "application/zip";
            response.Headers.ContentDisposition = $"attachment; filename={EvidenceZip.DownloadName}";
            response.Headers.CacheControl = "no-store, max-age=0";
            await EvidenceZip.WriteAsync(response.Body, export, pdf, files, httpContext.RequestAborted);
        }
    }
}
