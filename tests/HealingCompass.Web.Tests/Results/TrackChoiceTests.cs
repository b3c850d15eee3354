using Bunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Plans;
using HealingCompass.Web.Components.Results;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Results;

public sealed class TrackChoiceTests : ComponentTestBase
{
    private readonly AssessmentResult result = AssessmentScorer.Score(Answers.Calm());
    private readonly List<IReadOnlyList<string>> changes = [];

    private IRenderedComponent<TrackChoice> RenderChoice(IReadOnlyList<string> chosen) =>
        Render<TrackChoice>(p => p
            .Add(x => x.Offers, result.Tracks)
            .Add(x => x.Chosen, chosen)
            .Add(x => x.ChosenChanged, (IReadOnlyList<string> ids) => changes.Add(ids)));

    private static string Box(string trackId) => ResultsPageTests.TrackBox(trackId);

    [Fact]
    public void Personal_healing_is_always_ticked_and_cannot_be_unticked()
    {
        var cut = RenderChoice([]);

        var box = cut.Find(Box(TrackIds.PersonalHealing));
        Assert.True(box.HasAttribute("checked"));
        Assert.True(box.HasAttribute("disabled"));
        Assert.Contains("(always part of your plan)", box.ParentElement!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_offer_is_shown_with_what_it_may_give_and_cost()
    {
        var cut = RenderChoice(TrackAdvisor.DefaultChoice(result));

        Assert.Equal(result.Tracks.Count, cut.FindAll("input[type=checkbox]").Count);
        foreach (var offer in result.Tracks)
        {
            var about = cut.Find($"#track-{offer.Track.Id.Replace('.', '-')}-about").Text();
            Assert.Contains(offer.Track.Summary, about, StringComparison.Ordinal);
            Assert.All(offer.Track.Gains, g => Assert.Contains(g, about, StringComparison.Ordinal));
            Assert.All(offer.Track.Costs, c => Assert.Contains(c, about, StringComparison.Ordinal));
            Assert.All(offer.Reasons, r => Assert.Contains(r, about, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_chosen_tracks_start_ticked_and_the_others_do_not()
    {
        var chosen = TrackAdvisor.DefaultChoice(result);

        var cut = RenderChoice(chosen);

        foreach (var offer in result.Tracks)
        {
            var expected = chosen.Contains(offer.Track.Id) || offer.Track.Id == TrackIds.PersonalHealing;
            Assert.Equal(expected, cut.Find(Box(offer.Track.Id)).HasAttribute("checked"));
        }
    }

    [Fact]
    public void Ticking_tracks_reports_the_choice_in_the_offers_order()
    {
        var chosen = TrackAdvisor.DefaultChoice(result);
        var cut = RenderChoice(chosen);
        var offerOrder = result.Tracks.Select(o => o.Track.Id).ToList();
        Assert.True(offerOrder.IndexOf(TrackIds.LeavingSafely) < offerOrder.IndexOf(TrackIds.NoContact));

        // Ticked in the opposite order to the one they are offered in.
        cut.Find(Box(TrackIds.NoContact)).Change(true);
        cut.Find(Box(TrackIds.LeavingSafely)).Change(true);

        Assert.Equal(2, changes.Count);
        var expected = offerOrder.Where(id => chosen.Contains(id) || id is TrackIds.NoContact or TrackIds.LeavingSafely);
        Assert.Equal(expected, changes[^1]);
    }

    [Fact]
    public void Unticking_a_track_reports_the_choice_without_it()
    {
        var chosen = TrackAdvisor.DefaultChoice(result);
        var removable = chosen.First(id => id != TrackIds.PersonalHealing);
        var cut = RenderChoice(chosen);

        cut.Find(Box(removable)).Change(false);

        Assert.Equal(chosen.Where(id => id != removable), Assert.Single(changes));
    }
}
