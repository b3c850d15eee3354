using HealingCompass.Domain.Journal.Attachments;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Processing;

namespace HealingCompass.Data.Journal.Attachments;

/// <summary>
/// A copy of an image for sharing, re-encoded (SixLabors.ImageSharp) without EXIF, XMP, IPTC, ICC or text chunks,
/// so no GPS position, capture time or device goes with it. The original is never touched. Other kinds (PDFs,
/// audio, HEIC) cannot be cleaned here, and the page says so.
/// </summary>
public static class MetadataFreeCopy
{
    /// <summary>The largest picture cleaned: 50 megapixels, more than any phone camera, about 200 MB to decode.</summary>
    public const long MaxPixels = 50_000_000;

    public static bool CanClean(FileType type) => type?.IsImage == true;

    /// <summary>The cleaned copy, or null when the kind cannot be cleaned or the image does not decode.</summary>
    public static byte[]? Make(byte[] original, FileType type)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (!CanClean(type))
        {
            return null;
        }
        try
        {
            // A small file can claim a huge picture (a decompression bomb): look at the header before decoding.
            if (Image.Identify(original) is not { } info || (long)info.Width * info.Height > MaxPixels)
            {
                return null;
            }
            using var image = Image.Load(original, out IImageFormat format);
            // Turn the pixels the way the EXIF orientation said, since that tag goes too.
            image.Mutate(x => x.AutoOrient());
            image.Metadata.ExifProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.IccProfile = null;
            image.Metadata.GetPngMetadata().TextData.Clear();
            image.Metadata.GetGifMetadata().Comments.Clear();
            foreach (var frame in image.Frames)
            {
                frame.Metadata.ExifProfile = null;
                frame.Metadata.XmpProfile = null;
                frame.Metadata.IptcProfile = null;
                frame.Metadata.IccProfile = null;
            }
            using var output = new MemoryStream();
            image.Save(output, Configuration.Default.ImageFormatsManager.FindEncoder(format));
            return output.ToArray();
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or NotSupportedException or ImageFormatException or InvalidMemoryOperationException)
        {
            return null;
        }
    }
}
