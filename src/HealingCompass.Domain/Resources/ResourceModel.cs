using System.Text.Json.Serialization;

namespace HealingCompass.Domain.Resources;

// These types mirror resources.json one to one. Source-generated JSON assigns every init-only property,
// null where the file leaves it out, so optional lists fall back to empty in their getters, and the
// fields that validation checks (source, verifiedOn, status) are not `required`: a missing one is then
// reported together with every other problem instead of stopping the read at the first.

/// <summary>resources.json: crisis and support contacts by region, and the kinds of professional help.</summary>
public sealed record ResourceDirectoryData
{
    public required string ContentVersion { get; init; }

    /// <summary>The day the file as a whole was last checked against its sources.</summary>
    public DateOnly VerifiedOn { get; init; }

    /// <summary>Shown beside the numbers: they change, so the person checks locally when it is safe to.</summary>
    public required string CheckLocallyNote { get; init; }

    /// <summary>The regions in the order the file lists them.</summary>
    public IReadOnlyList<Region> Regions { get => field ?? []; init; }

    public IReadOnlyList<HelpType> HelpTypes { get => field ?? []; init; }

    /// <summary>Why couples counselling is not advised while the harm goes on.</summary>
    public required string CouplesCounselling { get; init; }
}

/// <summary>A country (or "somewhere else") with its emergency number and support contacts.</summary>
public sealed record Region
{
    /// <summary>Stable ID, e.g. <c>region.uk</c>; <c>region.other</c> is the generic fallback.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The name as it reads inside a sentence ("in the United States"); null for the generic region.</summary>
    public string? DisplayName { get; init; }

    /// <summary>ISO 3166 country codes (as in the browser's language tags, e.g. <c>en-GB</c>) that point to this region.</summary>
    public IReadOnlyList<string> CountryCodes { get => field ?? []; init; }

    /// <summary>"in the United States", or "wherever you are" for the generic region.</summary>
    [JsonIgnore]
    public string InPlace => IsGeneric || DisplayName is null ? "wherever you are" : "in " + DisplayName;

    /// <summary>Whether this is the "somewhere else" region, which has no number of its own.</summary>
    [JsonIgnore]
    public bool IsGeneric => Id == ResourceDirectory.GenericRegionId;

    public required EmergencyInfo Emergency { get; init; }

    /// <summary>Something worth knowing about the region's support lines as a whole.</summary>
    public string? Note { get; init; }

    public IReadOnlyList<Contact> Contacts { get => field ?? []; init; }

    /// <summary>
    /// Whether calling the emergency services or a helpline itself reports a person's immigration status here,
    /// from a checked source. Absent unless a source says so for this region: the app then claims nothing.
    /// </summary>
    public SourcedNote? Immigration { get; init; }
}

/// <summary>A fact about a region that people rely on, kept with where and when it was checked.</summary>
public sealed record SourcedNote
{
    public required string Text { get; init; }

    /// <summary>An https address, or a description of the source when no address was checked.</summary>
    public string Source { get => field ?? ""; init; }

    public DateOnly VerifiedOn { get; init; }
}

/// <summary>How to reach the emergency services in a region.</summary>
public sealed record EmergencyInfo
{
    /// <summary>The numbers to dial, main one first. Empty only for the generic region, which says what to do in <see cref="Note"/>.</summary>
    public IReadOnlyList<string> Numbers { get => field ?? []; init; }

    /// <summary>E.g. the UK's Silent Solution, or Australia's 112 from mobiles and 106 for TTY users.</summary>
    public string? Note { get; init; }
}

/// <summary>One support line or service.</summary>
public sealed record Contact
{
    /// <summary>Stable ID, <c>contact.&lt;region&gt;.&lt;name&gt;</c>, e.g. <c>contact.us.dv_hotline</c>.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>What it is for, in one short sentence.</summary>
    public required string Purpose { get; init; }

    /// <summary>The part of the region it serves (a nation or province), when it does not serve all of it.</summary>
    public string? Area { get; init; }

    public IReadOnlyList<ContactTopic> Topics { get => field ?? []; init; }

    /// <summary>Whom it is for; every contact names at least one, and every region has one for <see cref="Audience.Everyone"/>.</summary>
    public IReadOnlyList<Audience> Serves { get => field ?? []; init; }

    /// <summary>The number as it is shown and dialled, e.g. <c>0808 2000 247</c>.</summary>
    public string? Phone { get; init; }
    public string? Tty { get; init; }

    /// <summary>Instructions for texting, e.g. <c>Text START to 88788</c>.</summary>
    public string? Text { get; init; }

    /// <summary>The service's website (always https), only where it was checked.</summary>
    public Uri? Web { get; init; }

    /// <summary>Opening hours, e.g. <c>24/7</c>; absent when they are not known for sure.</summary>
    public string? Hours { get; init; }

    /// <summary>Extra detail: chat, languages, who runs it.</summary>
    public string? Note { get; init; }

    /// <summary>Whether the details were seen in a reliable source. Missing in the file reads as unconfirmed.</summary>
    public ContactStatus Status { get; init; }

    /// <summary>What is uncertain about the entry. Always present for <see cref="ContactStatus.Unconfirmed"/>.</summary>
    public string? Caution { get; init; }

    /// <summary>Where the details were checked: an https address, or a description of the source.</summary>
    public string Source { get => field ?? ""; init; }

    /// <summary>The day the details were last checked against <see cref="Source"/>.</summary>
    public DateOnly VerifiedOn { get; init; }

    [JsonIgnore]
    public bool IsVerified => Status == ContactStatus.Verified;
}

/// <summary>Whether a contact's details were confirmed. An unconfirmed one is never shown as certain.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContactStatus>))]
public enum ContactStatus
{
    /// <summary>Not confirmed: only in community lists, recently changed, or sources disagree. The default, so a missing status is never read as verified.</summary>
    [JsonStringEnumMemberName("unconfirmed")]
    Unconfirmed = 0,

    /// <summary>Seen in a reliable source.</summary>
    [JsonStringEnumMemberName("verified")]
    Verified = 1,
}

/// <summary>What a contact helps with, for filtering and labels.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContactTopic>))]
public enum ContactTopic
{
    [JsonStringEnumMemberName("domestic-abuse")]
    DomesticAbuse,

    [JsonStringEnumMemberName("sexual-violence")]
    SexualViolence,

    /// <summary>Immediate support in a crisis, including thoughts of suicide.</summary>
    [JsonStringEnumMemberName("crisis")]
    Crisis,

    /// <summary>Someone to talk to; not necessarily a crisis service.</summary>
    [JsonStringEnumMemberName("emotional-support")]
    EmotionalSupport,

    [JsonStringEnumMemberName("lgbtq")]
    Lgbtq,

    [JsonStringEnumMemberName("men")]
    Men,

    [JsonStringEnumMemberName("young-people")]
    YoungPeople,

    [JsonStringEnumMemberName("indigenous")]
    Indigenous,

    /// <summary>A directory or map that finds local services.</summary>
    [JsonStringEnumMemberName("directory")]
    Directory,
}

/// <summary>Whom a contact serves, so the plan can point to the lines that fit the person and never leave anyone without one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Audience>))]
public enum Audience
{
    /// <summary>Anyone, of any gender or age, in any kind of relationship.</summary>
    [JsonStringEnumMemberName("everyone")]
    Everyone,

    [JsonStringEnumMemberName("women")]
    Women,

    [JsonStringEnumMemberName("men")]
    Men,

    [JsonStringEnumMemberName("lgbtq")]
    Lgbtq,

    [JsonStringEnumMemberName("young-people")]
    YoungPeople,

    [JsonStringEnumMemberName("older-people")]
    OlderPeople,

    /// <summary>People worried about their own behaviour who want to change it.</summary>
    [JsonStringEnumMemberName("behaviour-change")]
    BehaviourChange,

    [JsonStringEnumMemberName("indigenous")]
    Indigenous,
}

/// <summary>A kind of professional help, explained in plain words.</summary>
public sealed record HelpType
{
    /// <summary>Stable ID, e.g. <c>help.trauma_therapy</c>.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
}
