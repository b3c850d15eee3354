using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace HealingCompass.Web.Tests.Reliability;

/// <summary>
/// Deterministic bad input: the same seed gives the same inputs in the same order. Every text comes already
/// percent-encoded, so invalid UTF-8 can be sent as it would arrive from a broken or hostile client. Injected
/// markup carries <see cref="Marker"/>, which must never come back as live markup.
/// </summary>
internal sealed class BadInputs(int seed)
{
    /// <summary>In every injected tag; a page that shows it raw has let markup through.</summary>
    public const string Marker = "hcx7";

    /// <summary>The raw forms a leak would take in a page.</summary>
    public static readonly string[] LiveMarkup = [$"<script>{Marker}", $"<svg onload={Marker}", $"<img src=x onerror={Marker}", $"href=\"javascript:{Marker}", $"href='javascript:{Marker}", $"href=javascript:{Marker}"];

    private static readonly string[] Markup =
    [
        $"<script>{Marker}()</script>",
        $"\"><svg onload={Marker}>",
        $"'><img src=x onerror={Marker}>",
        $"javascript:{Marker}()",
        $"<a href=\"javascript:{Marker}()\">x</a>",
        $"{{{{{Marker}}}}}@(1+1)",
    ];

    private static readonly string[] Dates =
    [
        "0000-00-00", "0001-01-01", "9999-12-31", "10000-01-01", "2026-02-30", "2026-13-01", "-2026-01-01",
        "2026-12-03T25:61:61", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999+14:00", "today", "1e10",
        "2026-11-31", "2026-12-03 00:00:00 +99:00",
    ];

    private static readonly string[] WrongTypes =
    [
        "", " ", "true", "false", "null", "undefined", "NaN", "Infinity", "-1", "0", "1e309", "-0",
        "2147483648", "-9223372036854775809", "0x1F", "[]", "{}", "[object Object]", "00000000-0000-0000-0000-000000000000",
        "not-a-guid", "zip", "pdf", "period", "whole", "clean", "on", "%",
    ];

    private static readonly string[] Controls = ["\0", "\u0001", "\u0007", "\b", "\u001b[31m", "\r\n", "\u007f", "\u0085", "\uFEFF", "\uFFFE", "\uFFFF"];

    private static readonly string[] Bidi = ["\u202E", "\u202D", "\u2066", "\u2067", "\u2068", "\u2069", "\u200B", "\u200D", "\u061C", "\u200F"];

    /// <summary>Percent-encoded byte runs that are not UTF-8: lone continuation bytes, overlong forms, surrogates, cut sequences.</summary>
    private static readonly string[] InvalidUtf8 = ["%FF", "%C3%28", "%80", "%C0%AF", "%E0%80%AF", "%ED%A0%80", "%F4%90%80%80", "%E2%82", "%F0%9F%98", "%FE%FF", "%00%FF%00"];

    private readonly Random random = new(seed);

    public int Seed { get; } = seed;

    /// <summary>The next field value, percent-encoded for a form body or a query string.</summary>
    public string NextEncoded()
    {
        switch (random.Next(9))
        {
            case 0:
                return Escape(new string((char)('a' + random.Next(26)), Pick([1_025, 4_097, 65_537, 300_000])));
            case 1:
                return Escape(Pick(WrongTypes));
            case 2:
                return Escape("name" + Pick(Controls) + Pick(Controls) + "end");
            case 3:
                return Escape(Pick(Bidi) + "txt.exe" + Pick(Bidi) + "gpj");
            case 4:
                return Escape("ok") + Pick(InvalidUtf8) + Escape("ok");
            case 5:
                return Escape(Pick(Markup));
            case 6:
                return Escape(Pick(Dates));
            case 7:
                return Escape(Pick(["\"{\\\"a\\\":", "{\"a\":", "[1,2", "{\"journal\":null}", "\u00e9\u00e8\u4e2d\u6587\ud83d\ude00", "../../etc/passwd", "%00", "' OR 1=1 --", "a;b,c|d"]));
            default:
                // A mixture: every kind at once in one value.
                return Escape(Pick(Markup) + Pick(Bidi) + Pick(Controls) + Pick(Dates)) + Pick(InvalidUtf8);
        }
    }

    /// <summary>The next file for an upload: broken ZIPs and JSON, random bytes, empty, a ZIP with hostile names.</summary>
    public (string FileName, byte[] Bytes) NextFile() => random.Next(8) switch
    {
        0 => (Pick(["export.zip", "..\\..\\x.zip", "<script>hcx7</script>.zip", "a\u202Egpj.zip"]), [.. "PK\u0003\u0004"u8, .. Bytes(random.Next(10, 2_000))]),
        1 => ("export.zip", Truncated(ZipOf(("journal.json", Encoding.UTF8.GetBytes("{\"format\":\"healingcompass.journal\",\"versions\":["))))),
        2 => ("export.zip", ZipOf(("journal.json", Encoding.UTF8.GetBytes("{\"format\":1,\"versions\":[{\"seq\":\"x\"}],")))),
        3 => ("export.zip", ZipOf(("../../escape.json", "{}"u8.ToArray()), ("manifest.json", Encoding.UTF8.GetBytes($"{{\"note\":\"<script>{Marker}</script>\"}}")))),
        4 => ("export.json", Encoding.UTF8.GetBytes(Pick(["{", "[]", "null", "{\"versions\":{}}", $"{{\"a\":\"<script>{Marker}</script>\"}}"]))),
        5 => ("empty.zip", []),
        6 => ("export.zip", Bytes(random.Next(1, 5_000))),
        _ => ("export.zip", ZipOf(("journal.json", new byte[200_000]), ("manifest.json", "{\"format\":\"x\""u8.ToArray()))),
    };

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public int Next(int max) => random.Next(max);

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Truncated(byte[] zip) => zip[..Math.Max(1, random.Next(zip.Length))];

    private static byte[] ZipOf(params (string Name, byte[] Bytes)[] parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in parts)
            {
                using var part = zip.CreateEntry(name).Open();
                part.Write(bytes);
            }
        }
        return stream.ToArray();
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    public override string ToString() => Seed.ToString(CultureInfo.InvariantCulture);
}
