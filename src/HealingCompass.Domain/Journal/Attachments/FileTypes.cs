using System.Text;

namespace HealingCompass.Domain.Journal.Attachments;

/// <summary>A kind of file an entry can hold, as recognised from its own first bytes.</summary>
/// <param name="MediaType">The media type the bytes show.</param>
/// <param name="Label">What a person calls it ("a JPEG photo").</param>
/// <param name="Extension">The extension used for it in an export, without the dot.</param>
/// <param name="Extensions">Every extension a name may end in for this kind.</param>
/// <param name="IsImage">An image the app can re-encode without its metadata.</param>
public sealed record FileType(string MediaType, string Label, string Extension, IReadOnlyList<string> Extensions, bool IsImage)
{
    /// <summary>True when the name has no extension, or one this kind uses.</summary>
    public bool NameFits(string fileName) =>
        FileTypes.ExtensionOf(fileName) is not { } ext || Extensions.Contains(ext, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Recognises a file from its first bytes ("magic numbers"), never from its name or what the browser claims. Only
/// the kinds listed here can be added to an entry.
/// </summary>
public static class FileTypes
{
    /// <summary>Enough of the start of a file to recognise every kind here.</summary>
    public const int HeaderLength = 64;

    public static readonly FileType Jpeg = new("image/jpeg", "a JPEG image", "jpg", ["jpg", "jpeg", "jpe", "jfif"], true);
    public static readonly FileType Png = new("image/png", "a PNG image", "png", ["png"], true);
    public static readonly FileType WebP = new("image/webp", "a WebP image", "webp", ["webp"], true);
    public static readonly FileType Gif = new("image/gif", "a GIF image", "gif", ["gif"], true);
    public static readonly FileType Heic = new("image/heic", "a HEIC photo", "heic", ["heic", "heif", "hif"], false);
    public static readonly FileType Pdf = new("application/pdf", "a PDF document", "pdf", ["pdf"], false);
    public static readonly FileType Mp3 = new("audio/mpeg", "an MP3 recording", "mp3", ["mp3"], false);
    public static readonly FileType M4a = new("audio/mp4", "an M4A recording", "m4a", ["m4a", "m4b", "mp4", "aac"], false);
    public static readonly FileType Aac = new("audio/aac", "an AAC recording", "aac", ["aac", "adts"], false);
    public static readonly FileType Ogg = new("audio/ogg", "an OGG or Opus recording", "ogg", ["ogg", "oga", "opus"], false);
    public static readonly FileType Wav = new("audio/wav", "a WAV recording", "wav", ["wav", "wave"], false);
    public static readonly FileType WebM = new("audio/webm", "a WebM recording", "webm", ["webm", "weba"], false);

    public static IReadOnlyList<FileType> All { get; } = [Jpeg, Png, WebP, Gif, Heic, Pdf, Mp3, M4a, Aac, Ogg, Wav, WebM];

    /// <summary>The kind the bytes show, or null when they are none of the kinds an entry can hold.</summary>
    public static FileType? Recognise(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        if (start.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (start.StartsWith("GIF87a"u8) || start.StartsWith("GIF89a"u8))
        {
            return Gif;
        }
        if (start.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        if (start.StartsWith("OggS"u8))
        {
            return Ogg;
        }
        if (start.Length >= 12 && start.StartsWith("RIFF"u8))
        {
            return start[8..12].SequenceEqual("WEBP"u8) ? WebP : start[8..12].SequenceEqual("WAVE"u8) ? Wav : null;
        }
        if (start.Length >= 12 && start[4..8].SequenceEqual("ftyp"u8))
        {
            return IsoMedia(start);
        }
        if (start.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            // Matroska's header names its document type; only WebM is taken.
            return start.IndexOf("webm"u8) > 0 ? WebM : null;
        }
        if (start.StartsWith("ID3"u8))
        {
            return Mp3;
        }
        if (start.Length >= 2 && start[0] == 0xFF && (start[1] & 0xE0) == 0xE0)
        {
            // A frame sync: layer bits 00 mean AAC's ADTS, anything else an MPEG audio frame (MP3).
            var layer = (start[1] >> 1) & 0x03;
            return layer == 0 ? ((start[1] & 0xF0) == 0xF0 ? Aac : null) : Mp3;
        }
        return null;
    }

    /// <summary>The extension a name ends in, lower case without the dot; null when it has none.</summary>
    public static string? ExtensionOf(string fileName)
    {
        var name = Path.GetFileName(fileName ?? "");
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 ? null : name[(dot + 1)..].ToLowerInvariant();
    }

    /// <summary>The kinds listed for a person, e.g. on the upload form.</summary>
    public static string Describe() => "photos and screenshots (JPEG, PNG, WebP, GIF, HEIC), PDFs, and audio recordings (MP3, M4A, AAC, OGG or Opus, WAV, WebM)";

    // ISO base media (HEIC, M4A): the major brand at 8..12, then compatible brands until the box ends.
    private static FileType? IsoMedia(ReadOnlySpan<byte> start)
    {
        var boxSize = (int)Math.Min((uint)(start[0] << 24 | start[1] << 16 | start[2] << 8 | start[3]), (uint)start.Length);
        var brands = new List<string>();
        for (var at = 8; at + 4 <= boxSize; at += at == 8 ? 8 : 4)
        {
            brands.Add(Encoding.ASCII.GetString(start.Slice(at, 4)));
        }
        string[] heic = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"];
        string[] audio = ["M4A ", "M4B ", "M4P "];
        if (brands.Count > 0 && heic.Contains(brands[0]))
        {
            return Heic;
        }
        if (brands.Count > 0 && audio.Contains(brands[0]) || brands.Any(audio.Contains))
        {
            return M4a;
        }
        return brands.Any(heic.Contains) ? Heic : null;
    }
}
