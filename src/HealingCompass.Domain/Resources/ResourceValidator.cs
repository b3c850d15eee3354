using System.Text.RegularExpressions;

namespace HealingCompass.Domain.Resources;

/// <summary>
/// Checks resources.json for every mistake an editor could make. A wrong number can harm someone, so all
/// problems are collected and reported together, and the app refuses to start rather than show them.
/// </summary>
internal static partial class ResourceValidator
{
    private const string RegionPrefix = "region.";
    private const string ContactPrefix = "contact.";
    private const string HelpPrefix = "help.";

    public static void Validate(ResourceDirectoryData data, List<string> problems)
    {
        if (data.ContentVersion is null || !Version().IsMatch(data.ContentVersion))
        {
            problems.Add($"contentVersion '{data.ContentVersion}' is not major.minor.patch.");
        }

        if (data.VerifiedOn == default)
        {
            problems.Add("the file has no verifiedOn date.");
        }

        RequireText(data.CheckLocallyNote, "checkLocallyNote", problems);
        RequireText(data.CouplesCounselling, "couplesCounselling", problems);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var region in data.Regions)
        {
            CheckRegion(region, seen, problems);
        }

        if (!data.Regions.Any(r => r.Id == ResourceDirectory.GenericRegionId))
        {
            problems.Add($"there is no '{ResourceDirectory.GenericRegionId}' region for people whose country is not listed.");
        }

        if (data.HelpTypes.Count == 0)
        {
            problems.Add("helpTypes is empty.");
        }

        foreach (var help in data.HelpTypes)
        {
            CheckId(help.Id, HelpPrefix, "help type", seen, problems);
            RequireText(help.Title, $"help type '{help.Id}': title", problems);
            RequireText(help.Description, $"help type '{help.Id}': description", problems);
        }
    }

    private static void CheckRegion(Region region, HashSet<string> seen, List<string> problems)
    {
        CheckId(region.Id, RegionPrefix, "region", seen, problems);
        RequireText(region.Name, $"region '{region.Id}': name", problems);

        var numbers = region.Emergency?.Numbers ?? [];
        if (numbers.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"region '{region.Id}' lists a blank emergency number.");
        }

        if (region.Id == ResourceDirectory.GenericRegionId)
        {
            if (numbers.Count == 0 && string.IsNullOrWhiteSpace(region.Emergency?.Note))
            {
                problems.Add($"region '{region.Id}' needs an emergency note saying to call the local emergency number.");
            }
        }
        else if (numbers.Count == 0)
        {
            problems.Add($"region '{region.Id}' has no emergency number.");
        }
        else
        {
            // Sentences read "in the United States", and the browser's language tag picks the likely region.
            RequireText(region.DisplayName, $"region '{region.Id}': displayName", problems);
            if (region.CountryCodes.Count == 0 || region.CountryCodes.Any(c => c is not { Length: 2 } || !c.All(char.IsAsciiLetterUpper)))
            {
                problems.Add($"region '{region.Id}' needs countryCodes of two capital letters each.");
            }
        }

        if (region.Contacts.Count == 0)
        {
            problems.Add($"region '{region.Id}' has no contacts.");
        }

        var contactPrefix = region.Id is not null && region.Id.StartsWith(RegionPrefix, StringComparison.Ordinal)
            ? ContactPrefix + region.Id[RegionPrefix.Length..] + "."
            : ContactPrefix;
        foreach (var contact in region.Contacts)
        {
            CheckContact(contact, contactPrefix, seen, problems);
        }

        if (region.Immigration is { } immigration)
        {
            RequireText(immigration.Text, $"region '{region.Id}': immigration text", problems);
            if (string.IsNullOrWhiteSpace(immigration.Source) || immigration.VerifiedOn == default)
            {
                problems.Add($"region '{region.Id}': the immigration note needs a source and a verifiedOn date.");
            }
        }

        // Nobody should find only lines that are for someone else (e.g. a women's line and a men's line).
        if (region.Contacts.Count > 0 && !region.Contacts.Any(c => c.Serves.Contains(Audience.Everyone)))
        {
            problems.Add($"region '{region.Id}' has no contact that serves everyone.");
        }
    }

    private static void CheckContact(Contact contact, string prefix, HashSet<string> seen, List<string> problems)
    {
        var id = contact.Id;
        CheckId(id, prefix, "contact", seen, problems);
        RequireText(contact.Name, $"contact '{id}': name", problems);
        RequireText(contact.Purpose, $"contact '{id}': purpose", problems);

        if (contact.Topics.Count == 0)
        {
            problems.Add($"contact '{id}' has no topics.");
        }

        if (contact.Topics.Any(t => !Enum.IsDefined(t)))
        {
            problems.Add($"contact '{id}' has an unknown topic.");
        }

        if (contact.Serves.Count == 0)
        {
            problems.Add($"contact '{id}' does not say whom it serves.");
        }

        if (contact.Serves.Any(a => !Enum.IsDefined(a)))
        {
            problems.Add($"contact '{id}' serves an unknown audience.");
        }

        if (string.IsNullOrWhiteSpace(contact.Phone) && string.IsNullOrWhiteSpace(contact.Text) && contact.Web is null)
        {
            problems.Add($"contact '{id}' has no phone, text or web address: there is no way to reach it.");
        }

        if (contact.Web is not null && !IsHttps(contact.Web))
        {
            problems.Add($"contact '{id}': web '{contact.Web}' is not an absolute https address.");
        }

        if (!Enum.IsDefined(contact.Status))
        {
            problems.Add($"contact '{id}' has an unknown status.");
        }

        if (contact.Status != ContactStatus.Verified && string.IsNullOrWhiteSpace(contact.Caution))
        {
            problems.Add($"contact '{id}' is unconfirmed but has no caution saying what is uncertain.");
        }

        if (string.IsNullOrWhiteSpace(contact.Source))
        {
            problems.Add($"contact '{id}' has no source.");
        }
        else if (LooksLikeAddress(contact.Source)
            && !(Uri.TryCreate(contact.Source, UriKind.Absolute, out var source) && IsHttps(source)))
        {
            problems.Add($"contact '{id}': source '{contact.Source}' is a web address but not an absolute https one.");
        }

        if (contact.VerifiedOn == default)
        {
            problems.Add($"contact '{id}' has no verifiedOn date.");
        }
    }

    private static void CheckId(string? id, string prefix, string kind, HashSet<string> seen, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add($"a {kind} has no id.");
            return;
        }

        if (!id.StartsWith(prefix, StringComparison.Ordinal) || !IdShape().IsMatch(id))
        {
            problems.Add($"{kind} id '{id}' must start with '{prefix}' and use lower-case letters, digits, dots and underscores.");
        }

        if (!seen.Add(id))
        {
            problems.Add($"id '{id}' is used twice.");
        }
    }

    private static void RequireText(string? text, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"{what} is missing.");
        }
    }

    private static bool IsHttps(Uri uri) =>
        uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host);

    // A scheme, a leading "www." or a bare domain ("rainn.org/help"): meant as an address, so it must be a full https one.
    private static bool LooksLikeAddress(string source) =>
        source.Contains("://", StringComparison.Ordinal) || BareDomain().IsMatch(source);

    [GeneratedRegex(@"^\d+\.\d+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex Version();

    [GeneratedRegex(@"^[a-z0-9]+([._][a-z0-9]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    [GeneratedRegex(@"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BareDomain();
}
