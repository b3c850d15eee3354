using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Domain.Journal.Attachments;
using HealingCompass.Web.Components.CheckIns;
using HealingCompass.Web.Safety;

namespace HealingCompass.Web.Components.Journal;

/// <summary>
/// One attached file for its owner: decrypted on the fly, never cached, always a download with a neutral name
/// (never the person's file name), under a policy that runs nothing. Another person's id, a made-up id and an
/// erased file all get the same not-found from the same query. Locked: the unlock page, then back here.
/// </summary>
public static class JournalFileEndpoint
{
    /// <summary>The policy for a file: a sandbox with nothing allowed, so even a file opened in place runs nothing.</summary>
    internal const string FilePolicy = "sandbox; default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapJournalFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(JournalPaths.File, async Task<IResult> (HttpContext http, PersonalData data, JournalAttachmentStore files, string? id, string? copy) =>
        {
            var headers = http.Response.Headers;
            headers.CacheControl = "no-store, max-age=0";
            headers.Pragma = "no-cache";
            headers.XContentTypeOptions = "nosniff";
            http.Items[PrivacyHeadersMiddleware.StricterPolicyKey] = FilePolicy;
            var access = data.Open(http.User);
            if (access.State == DataState.SignedOut)
            {
                return TypedResults.Redirect(JournalPaths.Home);
            }
            if (!access.IsOpen)
            {
                return TypedResults.Redirect("/account/unlock?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            }
            // A malformed id runs the same query as any other, and finds nothing.
            var attachmentId = Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;
            if (copy == "clean")
            {
                if (await files.OpenWithoutMetadataAsync(access.UserId, access.Key, attachmentId, http.RequestAborted) is { } clean
                    && FileTypes.Recognise(clean.AsSpan(0, Math.Min(clean.Length, FileTypes.HeaderLength))) is { } cleanType)
                {
                    return TypedResults.File(clean, cleanType.MediaType, $"journal-file-without-metadata.{cleanType.Extension}");
                }
                return await files.ExistsAsync(access.UserId, attachmentId, http.RequestAborted)
                    ? TypedResults.Text(CannotCleanText, "text/plain; charset=utf-8", statusCode: StatusCodes.Status422UnprocessableEntity)
                    : NotFound();
            }
            var file = await files.OpenAsync(access.UserId, access.Key, attachmentId, http.RequestAborted);
            if (file is null)
            {
                return NotFound();
            }
            var type = file.Type;
            return TypedResults.File(file.Bytes, type?.MediaType ?? "application/octet-stream", $"journal-file.{type?.Extension ?? "bin"}");
        });
        return endpoints;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult NotFound() => TypedResults.Text(NotFoundText, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    internal const string NotFoundText = "We couldn't find that file in your journal. It may have been erased. Nothing has been changed.";

    internal const string CannotCleanText = "A copy without hidden details can be made only of photos and screenshots (JPEG, PNG, WebP, GIF). This file was left exactly as it was; if you share it, its own details (such as when and where it was made) may go with it.";
}
