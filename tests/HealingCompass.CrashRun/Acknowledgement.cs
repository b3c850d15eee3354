using System.Globalization;

namespace HealingCompass.CrashRun;

/// <summary>What was written.</summary>
public enum WriteKind
{
    JournalEntry,
    Attachment,
    CheckIn,
}

/// <summary>
/// One write the writer saw its store call return for, as one line on its stdout:
/// <c>ack &lt;kind&gt; &lt;person&gt; &lt;id&gt; &lt;proof&gt; end</c>. For an entry the id is the entry's and the proof a
/// word written in it; for a file, the attachment's id and its SHA-256; for a check-in, its week and a word in
/// its note. A line cut short by the kill has no <c>end</c> and is not an acknowledgement.
/// </summary>
public sealed record Acknowledgement(WriteKind Kind, int Person, string Id, string Proof)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"ack {Kind} {Person} {Id} {Proof} end");

    public static Acknowledgement? Parse(string? line)
    {
        var parts = line?.Split(' ');
        return parts is ["ack", var kind, var person, var id, var proof, "end"]
            && Enum.TryParse<WriteKind>(kind, out var k)
            && int.TryParse(person, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? new Acknowledgement(k, p, id, proof)
            : null;
    }
}
