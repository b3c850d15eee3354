using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Resources;

/// <summary>
/// Crisis and support contacts by region, the kinds of professional help, and the note on couples
/// counselling, loaded from the embedded <c>resources.json</c> and validated as a whole.
/// Immutable after load; <see cref="Default"/> is parsed once per process and shared.
/// </summary>
/// <remarks>
/// Numbers change. Every contact carries its source and the day it was checked, and an unconfirmed one
/// carries a caution; show both rather than presenting any number as certain.
/// </remarks>
public sealed class ResourceDirectory
{
    /// <summary>The ID of the fallback region, for anyone whose country is not listed.</summary>
    public const string GenericRegionId = "region.other";

    private const string FileName = "resources.json";
    private const string ResourceName = "HealingCompass.Content." + FileName;

    private static readonly Lazy<ResourceDirectory> DefaultDirectory = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, Region> regionsById;
    private readonly Dictionary<string, Contact> contactsById;

    private ResourceDirectory(ResourceDirectoryData data)
    {
        var problems = new List<string>();
        ResourceValidator.Validate(data, problems);
        if (problems.Count > 0)
        {
            throw new ContentLoadException(problems.Select(p => FileName + ": " + p).ToArray());
        }

        Data = data;
        Generic = data.Regions.Single(r => r.Id == GenericRegionId);
        Regions = [.. data.Regions.Where(r => r.Id != GenericRegionId), Generic];
        regionsById = data.Regions.ToDictionary(r => r.Id, StringComparer.Ordinal);
        contactsById = data.Regions.SelectMany(r => r.Contacts).ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    /// <summary>The directory shipped with this build, parsed on first use.</summary>
    public static ResourceDirectory Default => DefaultDirectory.Value;

    /// <summary>The file as read, for anything the members below do not cover.</summary>
    public ResourceDirectoryData Data { get; }

    public string ContentVersion => Data.ContentVersion;

    /// <summary>The day the file as a whole was last checked against its sources.</summary>
    public DateOnly VerifiedOn => Data.VerifiedOn;

    /// <summary>The reminder to show beside the numbers: check them locally when it is safe to.</summary>
    public string CheckLocallyNote => Data.CheckLocallyNote;

    /// <summary>Every region in file order, with the generic "somewhere else" region last.</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>The "somewhere else" region (<c>region.other</c>): call the local emergency number, and international directories.</summary>
    public Region Generic { get; }

    public IReadOnlyList<HelpType> HelpTypes => Data.HelpTypes;

    /// <summary>Why couples counselling is not advised while the harm continues, and why individual support is the safer start.</summary>
    public string CouplesCounsellingNote => Data.CouplesCounselling;

    public bool TryGetRegion(string id, [MaybeNullWhen(false)] out Region region) => regionsById.TryGetValue(id, out region);

    /// <summary>The region with this ID, or <see cref="Generic"/> when the ID is missing or unknown.</summary>
    public Region GetRegionOrGeneric(string? id) =>
        id is not null && regionsById.TryGetValue(id, out var region) ? region : Generic;

    /// <summary>
    /// The region a browser's <c>Accept-Language</c> value points to ("en-GB,en;q=0.9" → the United Kingdom):
    /// the first tag, by quality, whose country code a region lists. Null when none does (e.g. plain "en").
    /// </summary>
    public Region? LikelyRegion(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage))
        {
            return null;
        }
        var tags = acceptLanguage.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(MaxLanguageTags)
            .Select((entry, index) => (Tag: entry.Split(';')[0].Trim(), Quality: Quality(entry), Index: index))
            .OrderByDescending(t => t.Quality)
            .ThenBy(t => t.Index);
        foreach (var (tag, quality, _) in tags)
        {
            if (quality <= 0)
            {
                continue;
            }
            // The country is the first two-letter subtag after the language: en-GB, zh-Hant-TW, es-US.
            var country = tag.Split('-').Skip(1).FirstOrDefault(part => part.Length == 2 && part.All(char.IsAsciiLetter));
            if (country is null)
            {
                continue;
            }
            var match = Regions.FirstOrDefault(r => r.CountryCodes.Contains(country.ToUpperInvariant(), StringComparer.Ordinal));
            if (match is not null)
            {
                return match;
            }
        }
        return null;
    }

    // A browser sends a handful; more is noise and not worth the work.
    private const int MaxLanguageTags = 16;

    private static double Quality(string entry)
    {
        var q = entry.Split(';').Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase));
        return q is not null && double.TryParse(q.AsSpan(2), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 1.0;
    }

    public bool TryGetContact(string id, [MaybeNullWhen(false)] out Contact contact) => contactsById.TryGetValue(id, out contact);

    /// <summary>Loads and validates a resources document (used for the embedded file and by tests).</summary>
    /// <exception cref="ContentLoadException">The document cannot be read or breaks a rule; every problem found is listed.</exception>
    public static ResourceDirectory Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ResourceDirectoryData data;
        try
        {
            data = JsonSerializer.Deserialize(json, ResourcesJsonContext.Default.ResourceDirectoryData)
                ?? throw new ContentLoadException($"{FileName}: the document is empty.");
        }
        catch (JsonException ex)
        {
            throw new ContentLoadException($"{FileName}: {ex.Message}", ex);
        }

        return new ResourceDirectory(data);
    }

    private static ResourceDirectory LoadEmbedded()
    {
        using var stream = typeof(ResourceDirectory).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new ContentLoadException($"{FileName}: not embedded in {typeof(ResourceDirectory).Assembly.GetName().Name}.");
        return Load(stream);
    }
}
