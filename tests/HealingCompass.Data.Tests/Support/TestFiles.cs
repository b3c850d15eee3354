using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace HealingCompass.Data.Tests.Support;

/// <summary>Files a person might add, made by the test (shared with the web and browser tests as a linked file).</summary>
internal static class TestFiles
{
    public const string Make = "TestCam";

    public const string Model = "Pocket 7";

    public const string TakenAt = "2026:11:30 21:15:00";

    /// <summary>A small JPEG photo whose EXIF holds a GPS position, a capture time and a device.</summary>
    public static byte[] JpegWithGps()
    {
        using var image = new Image<Rgba32>(16, 12, Color.Coral);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, Make);
        exif.SetValue(ExifTag.Model, Model);
        exif.SetValue(ExifTag.DateTimeOriginal, TakenAt);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(51, 1), new Rational(30, 1), new Rational(1234, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "W");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(0, 1), new Rational(7, 1), new Rational(3999, 100)]);
        image.Metadata.ExifProfile = exif;
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }

    /// <summary>A small PNG without any metadata.</summary>
    public static byte[] Png()
    {
        using var image = new Image<Rgba32>(4, 4, Color.SeaGreen);
        using var output = new MemoryStream();
        image.SaveAsPng(output);
        return output.ToArray();
    }

    /// <summary>A PDF-looking file (the type is read from its first bytes) carrying the text given, then random bytes.</summary>
    public static byte[] PdfWith(string text, int randomBytes = 4096)
    {
        var head = Encoding.ASCII.GetBytes($"%PDF-1.7\n% {text}\n");
        var bytes = new byte[head.Length + randomBytes];
        head.CopyTo(bytes, 0);
        Random.Shared.NextBytes(bytes.AsSpan(head.Length));
        return bytes;
    }
}
