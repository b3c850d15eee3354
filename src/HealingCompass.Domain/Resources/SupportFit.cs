using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Resources;

/// <summary>The lines in a region that serve one group the person's answers point to, or none when the data has none.</summary>
/// <param name="Audience">Whom the group is for.</param>
/// <param name="Contacts">The region's contacts serving it, in file order; empty when the region lists none.</param>
public sealed record FittingGroup(Audience Audience, IReadOnlyList<Contact> Contacts);

/// <summary>
/// Which support lines fit what a person shared: lines for young people when they are under 18, for older
/// people from 65, for LGBT+ people when they are threatened with being outed, and always the lines that
/// serve everyone. Nothing is guessed that the person did not say (the product never asks gender), so a
/// men's line is listed on the Resources page rather than picked here.
/// </summary>
public static class SupportFit
{
    /// <summary>The groups the answers point to, most specific first; <see cref="Audience.Everyone"/> is always last.</summary>
    public static IReadOnlyList<Audience> AudiencesFor(SignalSet signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var audiences = new List<Audience>(4);
        if (signals.Contains(SignalIds.AgeUnder18))
        {
            audiences.Add(Audience.YoungPeople);
        }

        if (signals.Contains(SignalIds.Age65Plus))
        {
            audiences.Add(Audience.OlderPeople);
        }

        if (signals.Contains(SignalIds.ThreatToExpose))
        {
            audiences.Add(Audience.Lgbtq);
        }

        audiences.Add(Audience.Everyone);
        return audiences;
    }

    /// <summary>For each group the answers point to, the region's lines that serve it (possibly none, so the page can say so).</summary>
    public static IReadOnlyList<FittingGroup> For(Region region, SignalSet signals)
    {
        ArgumentNullException.ThrowIfNull(region);
        return [.. AudiencesFor(signals).Select(a => Serving(region, a))];
    }

    /// <summary>The region's lines that serve this group, in file order.</summary>
    public static FittingGroup Serving(Region region, Audience audience)
    {
        ArgumentNullException.ThrowIfNull(region);
        return new FittingGroup(audience, [.. region.Contacts.Where(c => c.Serves.Contains(audience))]);
    }

    /// <summary>
    /// The region's checked note on whether calling for help reports immigration status, for someone who said
    /// immigration makes things harder or that it is used against them; null when either is missing.
    /// </summary>
    public static SourcedNote? ImmigrationNote(Region region, SignalSet signals)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(signals);
        return signals.Contains(SignalIds.ImmigrationThreat) || signals.Contains(SignalIds.ImmigrationBarrier) ? region.Immigration : null;
    }

    /// <summary>The message naming whom a line serves ("young people"), for "For: …" beside each contact.</summary>
    public static string ServesMessageId(Audience audience) => audience switch
    {
        Audience.Everyone => MessageIds.ServesEveryone,
        Audience.Women => MessageIds.ServesWomen,
        Audience.Men => MessageIds.ServesMen,
        Audience.Lgbtq => MessageIds.ServesLgbtq,
        Audience.YoungPeople => MessageIds.ServesYoungPeople,
        Audience.OlderPeople => MessageIds.ServesOlderPeople,
        Audience.BehaviourChange => MessageIds.ServesBehaviourChange,
        Audience.Indigenous => MessageIds.ServesIndigenous,
        _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, null),
    };

    /// <summary>The heading over a group of fitting lines on the plan.</summary>
    public static string GroupTitleMessageId(Audience audience) => audience switch
    {
        Audience.YoungPeople => MessageIds.FitYoungPeople,
        Audience.OlderPeople => MessageIds.FitOlderPeople,
        Audience.Lgbtq => MessageIds.FitLgbtq,
        _ => MessageIds.FitEveryone,
    };
}
