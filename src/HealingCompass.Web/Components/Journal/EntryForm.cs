using HealingCompass.Domain.Journal;

namespace HealingCompass.Web.Components.Journal;

/// <summary>The entry form's fields as typed (every one but "what happened" may stay empty), to and from content.</summary>
public sealed class EntryForm
{
    public string WhatHappened { get; set; } = "";

    public DateOnly? Start { get; set; }

    public TimeOnly? Time { get; set; }

    public bool IsApproximate { get; set; }

    public bool IsSeries { get; set; }

    public DateOnly? End { get; set; }

    public HashSet<string> Categories { get; } = new(StringComparer.Ordinal);

    /// <summary>"" for none, or "1" to "5".</summary>
    public string Severity { get; set; } = "";

    public string? WordsSaid { get; set; }

    public string? HowItFelt { get; set; }

    public string? WhatIDid { get; set; }

    public string? Witnesses { get; set; }

    /// <summary>"", "yes" or "no".</summary>
    public string ChildrenPresent { get; set; } = "";

    public string? Injuries { get; set; }

    public string? Report { get; set; }

    public string? ReportNumber { get; set; }

    public string? Place { get; set; }

    public string? OtherEvidence { get; set; }

    public string? ChangeReason { get; set; }

    public void Toggle(string categoryId, bool on)
    {
        if (on)
        {
            Categories.Add(categoryId);
        }
        else
        {
            Categories.Remove(categoryId);
        }
    }

    public EntryContent ToContent() => new()
    {
        WhatHappened = WhatHappened ?? "",
        Happened = Start is { } start ? new HappenedAt(start, IsSeries ? null : Time, IsApproximate, IsSeries ? End : null) : null,
        // In the list's order, so the same choices always give the same content.
        Categories = [.. JournalCategories.All.Select(c => c.Id).Where(Categories.Contains)],
        Severity = int.TryParse(Severity, out var severity) ? severity : null,
        WordsSaid = WordsSaid,
        HowItFelt = HowItFelt,
        WhatIDid = WhatIDid,
        Witnesses = Witnesses,
        ChildrenPresent = ChildrenPresent switch { "yes" => true, "no" => false, _ => null },
        Injuries = Injuries,
        Report = Report,
        ReportNumber = ReportNumber,
        Place = Place,
        OtherEvidence = OtherEvidence,
    };

    public static EntryForm From(EntryContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var form = new EntryForm
        {
            WhatHappened = content.WhatHappened,
            Start = content.Happened?.Start,
            Time = content.Happened?.Time,
            IsApproximate = content.Happened?.IsApproximate ?? false,
            IsSeries = content.Happened?.End is not null,
            End = content.Happened?.End,
            Severity = content.Severity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            WordsSaid = content.WordsSaid,
            HowItFelt = content.HowItFelt,
            WhatIDid = content.WhatIDid,
            Witnesses = content.Witnesses,
            ChildrenPresent = content.ChildrenPresent switch { true => "yes", false => "no", null => "" },
            Injuries = content.Injuries,
            Report = content.Report,
            ReportNumber = content.ReportNumber,
            Place = content.Place,
            OtherEvidence = content.OtherEvidence,
        };
        foreach (var id in content.Categories)
        {
            form.Categories.Add(id);
        }
        return form;
    }
}
