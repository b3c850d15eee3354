using HealingCompass.Domain.Journal;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace HealingCompass.Data.Journal.Attachments;

/// <summary>
/// What a file's own metadata claims (MetadataExtractor): the capture time and device it states, and whether it
/// carries a GPS position. Claims only: anyone can write them, so the page shows them as "the file says".
/// </summary>
public static class FileMetadata
{
    public static FileSays? Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes, writable: false));
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or IndexOutOfRangeException or InvalidOperationException or OverflowException or NullReferenceException)
        {
            return null; // audio and PDFs mostly, or metadata too damaged to read: nothing to say
        }
        var gps = directories.OfType<GpsDirectory>().Any(d => d.ContainsTag(GpsDirectory.TagLatitude) || d.ContainsTag(GpsDirectory.TagLongitude));
        var taken = Clean(directories.OfType<ExifSubIfdDirectory>().Select(d => d.GetString(ExifDirectoryBase.TagDateTimeOriginal)).FirstOrDefault(s => s is not null)
            ?? directories.OfType<ExifIfd0Directory>().Select(d => d.GetString(ExifDirectoryBase.TagDateTime)).FirstOrDefault(s => s is not null));
        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        var device = Clean(string.Join(' ', new[] { ifd0?.GetString(ExifDirectoryBase.TagMake), ifd0?.GetString(ExifDirectoryBase.TagModel) }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).Distinct()));
        return taken is null && device is null && !gps ? null : new FileSays(taken, device, gps);
    }

    // The file's own text, kept short and printable.
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var printable = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        return printable.Length == 0 ? null : printable.Length <= 100 ? printable : printable[..100];
    }
}
