namespace HealingCompass.Domain.Journal;

/// <summary>
/// What a person wrote in one version of an entry. Only <see cref="WhatHappened"/> is needed; every other field
/// may be left empty (null). Nothing here is ever stored unencrypted.
/// </summary>
public sealed record EntryContent
{
    /// <summary>What happened, in the person's words.</summary>
    public string WhatHappened { get; init; } = "";

    /// <summary>When it happened, if the person says.</summary>
    public HappenedAt? Happened { get; init; }

    /// <summary>Ids from <see cref="JournalCategories"/>, in the order chosen.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>1–5 (<see cref="SeverityScale"/>), if the person chose one.</summary>
    public int? Severity { get; init; }

    /// <summary>The exact words said, quoted.</summary>
    public string? WordsSaid { get; init; }

    public string? HowItFelt { get; init; }

    /// <summary>What the person did, or which boundary they held.</summary>
    public string? WhatIDid { get; init; }

    /// <summary>Who saw or heard it.</summary>
    public string? Witnesses { get; init; }

    /// <summary>True or false when the person says; null when they leave it.</summary>
    public bool? ChildrenPresent { get; init; }

    /// <summary>Injuries, or a medical visit.</summary>
    public string? Injuries { get; init; }

    /// <summary>A report to the police or someone else: who, when.</summary>
    public string? Report { get; init; }

    /// <summary>The report's reference number.</summary>
    public string? ReportNumber { get; init; }

    public string? Place { get; init; }

    /// <summary>What other evidence exists (messages, photos, a doctor's note) and where it is kept.</summary>
    public string? OtherEvidence { get; init; }

    /// <summary>Files added to the entry, in the order added. Their SHA-256 is part of this content.</summary>
    public IReadOnlyList<EntryAttachment> Attachments { get; init; } = [];

    public bool HasReportNumber => !string.IsNullOrWhiteSpace(ReportNumber);

    /// <summary>Every text the person wrote, for search; the labels of chosen categories count too.</summary>
    public IEnumerable<string> SearchableTexts()
    {
        yield return WhatHappened;
        foreach (var text in new[] { WordsSaid, HowItFelt, WhatIDid, Witnesses, Injuries, Report, ReportNumber, Place, OtherEvidence })
        {
            if (!string.IsNullOrEmpty(text))
            {
                yield return text;
            }
        }
        foreach (var id in Categories)
        {
            yield return JournalCategories.LabelFor(id);
        }
    }

    /// <summary>True when any text field or category label contains <paramref name="term"/>, ignoring case.</summary>
    public bool Mentions(string term) =>
        !string.IsNullOrWhiteSpace(term)
        && SearchableTexts().Any(t => t.Contains(term.Trim(), StringComparison.CurrentCultureIgnoreCase));

    /// <summary>The same content with empty strings turned into "left empty" and text trimmed at the ends.</summary>
    public EntryContent Tidy() => this with
    {
        WhatHappened = WhatHappened.Trim(),
        Categories = [.. Categories.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal)],
        WordsSaid = Clean(WordsSaid),
        HowItFelt = Clean(HowItFelt),
        WhatIDid = Clean(WhatIDid),
        Witnesses = Clean(Witnesses),
        Injuries = Clean(Injuries),
        Report = Clean(Report),
        ReportNumber = Clean(ReportNumber),
        Place = Clean(Place),
        OtherEvidence = Clean(OtherEvidence),
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
