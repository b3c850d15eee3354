using HealingCompass.Data.Encryption;
using HealingCompass.Data.MyData;
using HealingCompass.Web.Components.CheckIns;

namespace HealingCompass.Web.Components.MyData;

/// <summary>
/// Everything the signed-in person keeps, as one ZIP, for them alone with their key unlocked: streamed to the
/// response (never a file on the server), never cached, and under a neutral file name.
/// </summary>
public static class MyDataExportEndpoint
{
    public static IEndpointRouteBuilder MapMyDataExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(MyDataPaths.Export, async Task<IResult> (HttpContext http, PersonalData data, MyDataExporter exporter) =>
        {
            http.Response.Headers.CacheControl = "no-store, max-age=0";
            var access = data.Open(http.User);
            if (!access.IsOpen)
            {
                return TypedResults.Redirect(access.State == DataState.Locked ? MyDataPaths.Unlock : MyDataPaths.SignIn);
            }
            MyDataContent content;
            try
            {
                // Read and opened in full before the first byte goes out, so a problem is a message, not half a ZIP.
                content = await exporter.ExportAsync(access.UserId, access.Key, http.RequestAborted);
            }
            catch (RecordDecryptionException)
            {
                return TypedResults.Content(
                    "Part of your saved data could not be opened with your key, so no export was made. Nothing was changed. Please sign out, sign in again and try once more.",
                    "text/plain; charset=utf-8",
                    statusCode: StatusCodes.Status409Conflict);
            }
            http.Response.ContentType = "application/zip";
            http.Response.Headers.ContentDisposition = $"attachment; filename={Domain.MyData.MyDataArchive.DownloadName}";
            await MyDataJson.WriteArchiveAsync(http.Response.Body, content, http.RequestAborted);
            return TypedResults.Empty;
        });
        return endpoints;
    }
}
