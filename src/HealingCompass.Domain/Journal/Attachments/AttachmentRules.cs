using System.Globalization;

namespace HealingCompass.Domain.Journal.Attachments;

/// <summary>Why a file was not added; each has one kind sentence for the person.</summary>
public enum AttachmentRefusal
{
    Empty,
    TooLarge,
    UnknownType,
    NameDisagrees,
    TooManyFiles,
    NameMissing,
}

/// <summary>Either the kind the file's bytes show, or why it was refused (and what to tell the person).</summary>
public sealed record AttachmentCheck(FileType? Type, AttachmentRefusal? Refusal, string? Message)
{
    public bool Accepted => Type is not null;
}

/// <summary>
/// What a file must be to join an entry: not empty, at most <see cref="MaxBytes"/>, one of <see cref="FileTypes"/>
/// by its own bytes, with a name whose extension (if it has one) agrees with them, and at most
/// <see cref="MaxFilesPerEntry"/> files on the entry. Nothing about the file's name decides its type.
/// </summary>
public static class AttachmentRules
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public const int MaxFilesPerEntry = 5;

    public const int MaxNameLength = 200;

    /// <summary>The limits in the words the page uses.</summary>
    public static string LimitsInWords =>
        $"You can add {FileTypes.Describe()}: up to {MaxFilesPerEntry} files per entry, each at most {MaxBytes / (1024 * 1024)} MB.";

    /// <param name="fileName">The name the device gave it (only its extension is compared).</param>
    /// <param name="size">The file's whole length in bytes, as counted while reading it.</param>
    /// <param name="start">Its first bytes (up to <see cref="FileTypes.HeaderLength"/>).</param>
    /// <param name="filesAlready">How many files the entry holds now.</param>
    public static AttachmentCheck Check(string? fileName, long size, ReadOnlySpan<byte> start, int filesAlready)
    {
        if (filesAlready >= MaxFilesPerEntry)
        {
            return Refuse(AttachmentRefusal.TooManyFiles, $"An entry can hold up to {MaxFilesPerEntry} files, and this one already has {filesAlready}. Nothing was added. You could take a file out first, or add it to another entry.");
        }
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return Refuse(AttachmentRefusal.NameMissing, "That file came without a name, so it wasn't added. Please choose it again.");
        }
        if (size <= 0)
        {
            return Refuse(AttachmentRefusal.Empty, "This file is empty (0 bytes), so there is nothing in it to keep. Nothing was added. If it should have something in it, it may not have finished saving on your device.");
        }
        if (size > MaxBytes)
        {
            return Refuse(AttachmentRefusal.TooLarge, string.Create(CultureInfo.InvariantCulture, $"This file is {size / (1024.0 * 1024):0.#} MB, and one file can be at most {MaxBytes / (1024 * 1024)} MB here. Nothing was added. If you can, keep the original somewhere safe and add a smaller copy."));
        }
        var type = FileTypes.Recognise(start);
        if (type is null)
        {
            return Refuse(AttachmentRefusal.UnknownType, $"We couldn't tell from what is inside this file what kind of file it is. You can add {FileTypes.Describe()}. Nothing was added.");
        }
        if (!type.NameFits(fileName))
        {
            return Refuse(AttachmentRefusal.NameDisagrees, $"This file's name ends in .{FileTypes.ExtensionOf(fileName)}, but what is inside it is {type.Label}. So that your record can be trusted, a file is kept only when its name and its contents agree. Nothing was added. You could rename it to end in .{type.Extension} and add it again.");
        }
        return new AttachmentCheck(type, null, null);
    }

    /// <summary>The name as kept: the last path part only, without control characters, at most <see cref="MaxNameLength"/>.</summary>
    public static string TidyName(string fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        return name.Length <= MaxNameLength ? name : name[..MaxNameLength];
    }

    /// <summary>How a version's files differ from the version before, in the history's words; null when the same.</summary>
    public static string? DescribeChange(IReadOnlyList<EntryAttachment> before, IReadOnlyList<EntryAttachment> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var added = after.Count(a => before.All(b => b.Id != a.Id));
        var taken = before.Count(b => after.All(a => a.Id != b.Id));
        return (added, taken) switch
        {
            (0, 0) => null,
            (1, 0) => "added a file",
            (_, 0) => $"added {added} files",
            (0, 1) => "took a file out",
            (0, _) => $"took {taken} files out",
            _ => "changed the files",
        };
    }

    private static AttachmentCheck Refuse(AttachmentRefusal refusal, string message) => new(null, refusal, message);
}
