using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Data.MyData;
using HealingCompass.Domain.Activity;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Domain.MyData;
using HealingCompass.Web.Components.Activity;
using HealingCompass.Web.Components.CheckIns;
using HealingCompass.Web.Components.Journal;
using HealingCompass.Web.Components.Journal.Report;

namespace HealingCompass.Web.Components.MyData;

/// <summary>
/// Everything the signed-in person keeps, as one ZIP, for them alone with their key unlocked: streamed to the
/// response (never a file on the server), never cached, and under a neutral file name. The JSON parts and both PDFs
/// (the summary, and the journal's own report) are made before the first byte goes out; the journal's files follow,
/// read a few at a time. The download is one line of the person's activity.
/// </summary>
public static class MyDataExportEndpoint
{
    public static IEndpointRouteBuilder MapMyDataExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(MyDataPaths.Export, async Task<IResult> (HttpContext http, PersonalData data, MyDataExporter exporter, JournalAttachmentStore files, ActivityLog activity) =>
        {
            http.Response.Headers.CacheControl = "no-store, max-age=0";
            var access = data.Open(http.User);
            if (!access.IsOpen)
            {
                return TypedResults.Redirect(access.State == DataState.Locked ? MyDataPaths.Unlock : MyDataPaths.SignIn);
            }
            MyDataContent content;
            byte[] summary;
            byte[] journalReport;
            try
            {
                // Read and opened in full before the first byte goes out, so a problem is a message, not half a ZIP.
                content = await exporter.ExportAsync(access.UserId, access.Key, http.RequestAborted);
                summary = MyDataSummaryPdf.Write(content);
                journalReport = JournalReportPdf.Write(content.Journal, await JournalExportEndpoint.ImagesAsync(content.Journal, files, access.UserId, access.Key, http.RequestAborted));
            }
            catch (RecordDecryptionException)
            {
                return TypedResults.Content(
                    "Part of your saved data could not be opened with your key, so no export was made. Nothing was changed. Please sign out, sign in again and try once more.",
                    "text/plain; charset=utf-8",
                    statusCode: StatusCodes.Status409Conflict);
            }
            await activity.RecordAsync(access.UserId, ActivityKind.DataExported, http);
            http.Response.ContentType = "application/zip";
            http.Response.Headers.ContentDisposition = $"attachment; filename={MyDataArchive.DownloadName}";
            await MyDataJson.WriteArchiveAsync(
                http.Response.Body,
                content,
                exporter.StreamFilesAsync(access.UserId, access.Key, content, http.RequestAborted),
                [new ArchivePart(MyDataJson.SummaryName, summary, Stored: true), new ArchivePart(EvidenceZip.ReportName, journalReport, Stored: true)],
                Words,
                http.RequestAborted);
            return TypedResults.Empty;
        });
        return endpoints;
    }

    /// <summary>An activity line in the activity page's words (times in UTC: the archive may be read anywhere).</summary>
    internal static ActivityWords Words(ActivityEvent line) => new(ActivityWording.What(line), ActivityWording.When(line), ActivityWording.Where(line));
}
