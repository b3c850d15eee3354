using System.Text;
using System.Text.Json.Nodes;
using Bunit;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Resources;
using HealingCompass.Web.Components.Plans;
using HealingCompass.Web.Components.Resources;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.People;

/// <summary>
/// Whether calling for help reports immigration status is said only where the region's data says so, from a
/// source, and only to someone for whom immigration is a worry. The shipped data says it for no region.
/// </summary>
public sealed class ImmigrationNoteTests : ComponentTestBase
{
    private const string Checked = "A sentence checked against a source for this region.";

    [Fact]
    public void A_sourced_note_shows_on_the_plan_of_someone_whose_papers_are_held()
    {
        var note = Render<ImmigrationNote>(p => p
            .Add(c => c.Region, WithUsNote().GetRegionOrGeneric("region.us"))
            .Add(c => c.Signals, Signals(Answers.Calm().Set("patterns.ongoing", AnswerValue.Multi([SignalIds.ImmigrationThreat])))))
            .Find("#hc-immigration-note");

        Assert.Contains(Checked, note.TextContent, StringComparison.Ordinal);
        Assert.Contains("Source: https://example.org/checked", note.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void No_note_shows_without_the_worry_or_without_the_data()
    {
        var us = WithUsNote().GetRegionOrGeneric("region.us");
        Assert.Empty(Render<ImmigrationNote>(p => p.Add(c => c.Region, us).Add(c => c.Signals, Signals(Answers.Calm()))).FindAll("#hc-immigration-note"));

        // The shipped plan, for someone whose papers are held: no region's data says it, so nothing is claimed.
        RegionChoice.Suggest("en-US");
        Session.Load(Answers.Calm().Set("patterns.ongoing", AnswerValue.Multi([SignalIds.ImmigrationThreat])));
        Assert.Empty(Render<PlanPage>().FindAll("#hc-immigration-note"));
    }

    private static SignalSet Signals(AnswerSet answers) => SignalSet.From(answers);

    private static ResourceDirectory WithUsNote()
    {
        using var reader = new StreamReader(typeof(ResourceDirectory).Assembly.GetManifestResourceStream("HealingCompass.Content.resources.json")!);
        var root = JsonNode.Parse(reader.ReadToEnd())!;
        root["regions"]![0]!["immigration"] = new JsonObject { ["text"] = Checked, ["source"] = "https://example.org/checked", ["verifiedOn"] = "2026-12-01" };
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(root.ToJsonString()));
        return ResourceDirectory.Load(stream);
    }
}
