namespace HealingCompass.Domain.Journal;

/// <summary>A field that cannot be saved as it is, and a kind word on what to do.</summary>
/// <param name="Message">What to do, kindly.</param>
/// <param name="Field">The field's name in <see cref="EntryContent"/> (or "ChangeReason").</param>
public sealed record EntryProblem(string Field, string Message);

/// <summary>
/// What an entry must be before it is saved. Nothing is changed or lost when a rule fails: the form keeps what was
/// typed and says what to adjust.
/// </summary>
public static class EntryRules
{
    /// <summary>The documented limit for "what happened" (about eight pages of text).</summary>
    public const int WhatHappenedMaxLength = 20_000;

    /// <summary>The limit for each of the other text fields.</summary>
    public const int OtherTextMaxLength = 4_000;

    public const int ChangeReasonMaxLength = 500;

    /// <summary>
    /// Time zones run up to 14 hours ahead of UTC, so "today" for the person may be tomorrow on the server's
    /// clock: a day is in the future only beyond that.
    /// </summary>
    private static readonly TimeSpan AheadOfUtc = TimeSpan.FromHours(14);

    public static IReadOnlyList<EntryProblem> Validate(EntryContent content, TimeProvider clock, string? changeReason = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(clock);
        var problems = new List<EntryProblem>();
        if (string.IsNullOrWhiteSpace(content.WhatHappened))
        {
            problems.Add(new(nameof(EntryContent.WhatHappened), "Please write at least a few words about what happened. Everything else can stay empty."));
        }
        else if (content.WhatHappened.Length > WhatHappenedMaxLength)
        {
            problems.Add(new(nameof(EntryContent.WhatHappened),
                $"This is longer than one entry can hold ({WhatHappenedMaxLength:N0} characters; it has {content.WhatHappened.Length:N0}). Nothing has been lost: you could split it into two entries."));
        }

        foreach (var (field, text) in OtherTexts(content))
        {
            if (text is { Length: > OtherTextMaxLength })
            {
                problems.Add(new(field, $"This field holds up to {OtherTextMaxLength:N0} characters; it has {text.Length:N0}. You could move some of it into \"what happened\"."));
            }
        }
        if (changeReason is { Length: > ChangeReasonMaxLength })
        {
            problems.Add(new("ChangeReason", $"A reason for the change can be up to {ChangeReasonMaxLength} characters."));
        }

        if (content.Happened is { } happened)
        {
            var latestToday = DateOnly.FromDateTime((clock.GetUtcNow() + AheadOfUtc).UtcDateTime);
            if (happened.Start > latestToday || happened.LastDay > latestToday)
            {
                problems.Add(new(nameof(EntryContent.Happened), "That date is still to come. Please choose the day it happened, or an earlier one if you're not sure."));
            }
            if (happened.End is { } end && end < happened.Start)
            {
                problems.Add(new(nameof(EntryContent.Happened), "The last day is before the first day. Please check the two dates."));
            }
            if (happened.Time is not null && happened.IsRange)
            {
                problems.Add(new(nameof(EntryContent.Happened), "A time of day fits a single day. For a series of days, leave the time empty."));
            }
        }
        if (content.Severity is { } severity && !SeverityScale.IsValid(severity))
        {
            problems.Add(new(nameof(EntryContent.Severity), "Please choose how hard it was from 1 to 5, or leave it empty."));
        }
        if (content.Categories.FirstOrDefault(c => !JournalCategories.IsKnown(c)) is not null)
        {
            problems.Add(new(nameof(EntryContent.Categories), "One of the chosen kinds isn't on the list. Please choose again from the list."));
        }
        return problems;
    }

    private static IEnumerable<(string Field, string? Text)> OtherTexts(EntryContent c) =>
    [
        (nameof(EntryContent.WordsSaid), c.WordsSaid),
        (nameof(EntryContent.HowItFelt), c.HowItFelt),
        (nameof(EntryContent.WhatIDid), c.WhatIDid),
        (nameof(EntryContent.Witnesses), c.Witnesses),
        (nameof(EntryContent.Injuries), c.Injuries),
        (nameof(EntryContent.Report), c.Report),
        (nameof(EntryContent.ReportNumber), c.ReportNumber),
        (nameof(EntryContent.Place), c.Place),
        (nameof(EntryContent.OtherEvidence), c.OtherEvidence),
    ];
}
