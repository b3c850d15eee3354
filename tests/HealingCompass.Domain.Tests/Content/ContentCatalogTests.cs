using System.Text;
using System.Text.Json.Nodes;
using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.Tests.Content;

public sealed class ContentCatalogTests
{
    private static readonly ContentCatalog Catalog = ContentCatalog.Default;

    [Fact]
    public void Shipped_content_loads_and_is_parsed_once_per_process()
    {
        Assert.Same(ContentCatalog.Default, ContentCatalog.Default);
        Assert.Matches(@"^\d+\.\d+\.\d+$", Catalog.ContentVersion);
        Assert.NotEmpty(Catalog.Questions);
        Assert.Equal(6, Catalog.Factors.Count);
    }

    [Fact]
    public void Every_id_is_unique_across_questions_signals_tracks_steps_markers_and_pitfalls()
    {
        string[] ids =
        [
            .. Catalog.Sections.Select(s => s.Id),
            .. Catalog.Questions.Select(q => q.Id),
            .. Catalog.Questions.SelectMany(q => q.Options).Select(o => o.Id).Where(id => id.Contains('.', StringComparison.Ordinal)),
            .. Catalog.Factors.Select(f => f.Id),
            .. Catalog.Tracks.Select(t => t.Id),
            .. Catalog.Steps.Select(s => s.Id),
            .. Catalog.Plans.Timeline.Select(m => m.Id),
            .. Catalog.Plans.Pitfalls.Select(p => p.Id),
            .. Catalog.Bank.SafetyRules.Select(r => r.Id),
        ];
        var duplicates = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_step_a_track_names_exists_and_every_step_is_used()
    {
        var stepIds = Catalog.Steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var referenced = Catalog.Tracks.SelectMany(t => t.Steps).Select(s => s.Step).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(stepIds, referenced);
        Assert.Subset(referenced, stepIds);
    }

    [Fact]
    public void Who_the_relationship_is_with_is_asked_first_and_the_safety_check_right_after()
    {
        Assert.Equal("context.relationship", Catalog.Questions[0].Id);
        var safetyOrdinals = Catalog.Questions.Where(q => q.IsSafetyItem).Select(q => q.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(1, safetyOrdinals.Length), safetyOrdinals);
        Assert.All(Catalog.Questions.Where(q => q.IsSafetyItem), q => Assert.True(q.Definition.Required));
    }

    [Fact]
    public void The_safety_check_covers_each_published_danger_theme()
    {
        // The risk-factor themes of the 11-city femicide study (Campbell et al., 2003), in our own words.
        string[] themes =
        [
            "safety.physical_violence", "safety.pregnancy", "safety.choking", "safety.threats_to_kill", "safety.gun",
            "safety.weapon_threat", "safety.sexual_coercion", "safety.escalation", "safety.stalking", "safety.threats_to_others",
            "safety.control", "safety.substance", "safety.separation", "safety.unwanted_contact", "safety.fear_now", "safety.could_kill",
        ];
        Assert.All(themes, id => Assert.True(Catalog.GetQuestion(id).IsSafetyItem, id));
        Assert.NotNull(Catalog.GetQuestion("context.children").FindOption("children.mine_not_theirs")); // a child who isn't theirs at home
    }

    [Fact]
    public void The_gun_is_asked_on_its_own_not_mixed_with_other_weapons_or_threats()
    {
        var gun = Catalog.GetQuestion("safety.gun").Definition.Text;
        Assert.Contains("gun", gun, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("weapon", gun, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("threat", gun, StringComparison.OrdinalIgnoreCase);
        Assert.False(Catalog.TryGetQuestion("safety.weapon", out _)); // its meaning changed, so its ID was retired
    }

    [Fact]
    public void Every_factor_line_says_whose_behaviour_it_describes()
    {
        string[] they = ["they", "them", "their"];
        string[] you = ["you", "your"];
        foreach (var q in Catalog.Questions.Where(q => q.Kind == QuestionKind.Scale))
        {
            var about = q.Definition.About;
            Assert.True(about is not null, $"{q.Id} does not say whose behaviour it is about");
            foreach (var line in new[] { q.Definition.LowText!, q.Definition.HighText! })
            {
                var words = line.ToLowerInvariant().Split([' ', ',', '.', ';', '\''], StringSplitOptions.RemoveEmptyEntries);
                var named = about switch
                {
                    Person.They => words.Any(they.Contains),
                    Person.You => words.Any(you.Contains),
                    _ => line.Contains("both", StringComparison.OrdinalIgnoreCase) || line.Contains("two of you", StringComparison.OrdinalIgnoreCase),
                };
                Assert.True(named, $"{q.Id}: \"{line}\" does not say it is about {about}");
            }

            // A factor about the other person's capacity carries no line about the person's own.
            var factor = Catalog.Factors.First(f => f.Id == q.Definition.Factor);
            Assert.True(factor.About is null || factor.About == about, $"{q.Id} is about {about} but feeds {factor.Id}, which is about {factor.About}");
        }

        Assert.Equal(Person.They, Catalog.Factors.First(f => f.Id == "factor.regulation").About);
        Assert.NotEqual("factor.regulation", Catalog.GetQuestion("factor.regulation.my_calm").Definition.Factor);
    }

    [Fact]
    public void A_line_about_the_person_under_a_factor_about_the_other_fails_the_load()
    {
        var ex = LoadModified(questions: q =>
        {
            var item = q["sections"]!.AsArray().Single(s => (string)s!["id"]! == "section.factor.regulation")!["questions"]![0]!;
            item["about"] = "you";
            item["lowText"] = "Steadying yourself in heated moments feels hard right now.";
        });
        Assert.Contains(ex.Problems, p => p.Contains("factor.regulation.pauses", StringComparison.Ordinal) && p.Contains("factor.regulation", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pitfall_pointing_at_a_step_it_does_not_depend_on_fails_the_load()
    {
        var ex = LoadModified(plans: p =>
        {
            var pitfall = p["pitfalls"]!.AsArray().Single(x => (string)x!["id"]! == "pitfall.doing_it_alone")!.AsObject();
            pitfall.Remove("dependsOn");
        });
        Assert.Contains(ex.Problems, p => p.Contains("pitfall.doing_it_alone", StringComparison.Ordinal)
            && p.Contains("step.repair.accountability_plan", StringComparison.Ordinal));
    }

    [Fact]
    public void A_timeline_marker_that_assumes_the_ground_rules_fails_the_load_unless_it_depends_on_them()
    {
        var ex = LoadModified(plans: p => p["timeline"]!.AsArray().Single(x => (string)x!["id"]! == "timeline.repair.weeks")!.AsObject().Remove("dependsOn"));
        Assert.Contains(ex.Problems, p => p.Contains("timeline.repair.weeks", StringComparison.Ordinal) && p.Contains("ground rules", StringComparison.Ordinal));
    }

    [Fact]
    public void A_step_depending_on_a_missing_or_later_step_fails_the_load()
    {
        var ex = LoadModified(plans: p =>
        {
            var steps = p["steps"]!.AsArray();
            steps.Single(x => (string)x!["id"]! == "step.personal.trusted_listener")!["dependsOn"] = new JsonArray("step.personal.professional_support", "step.nowhere");
        });
        Assert.Contains(ex.Problems, p => p.Contains("step.nowhere", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("before 'step.personal.professional_support'", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_factor_has_several_items_and_some_are_reverse_scored()
    {
        foreach (var factor in Catalog.Factors)
        {
            var items = Catalog.Questions.Where(q => q.Definition.Factor == factor.Id && q.Id.StartsWith("factor.", StringComparison.Ordinal)).ToArray();
            Assert.True(items.Length >= 3, $"{factor.Id} has {items.Length} items");
        }

        Assert.Contains(Catalog.Questions, q => q.Definition.Reverse);
        Assert.Equal(5, Catalog.Questions.Count(q => q.Kind == QuestionKind.Scale && q.Id.StartsWith("reflection.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Questions_fit_every_relationship_type_without_romantic_assumptions()
    {
        string[] romantic = ["partner", "boyfriend", "girlfriend", "husband", "wife", "spouse", "dating", "romantic"];
        var relationshipOptions = Catalog.GetQuestion("context.relationship").Options.Select(o => o.Label).ToHashSet();
        var texts = Catalog.Questions.SelectMany(q => new[] { q.Definition.Text, q.Definition.Help, q.Definition.LowText, q.Definition.HighText, q.Definition.Safety?.SaidYes }
                .Concat(q.Options.Where(o => !relationshipOptions.Contains(o.Label)).SelectMany(o => new[] { o.Label, o.Help })))
            .Concat(Catalog.Sections.SelectMany(s => new[] { s.Title, s.Intro }))
            .OfType<string>();
        var offending = texts.Where(t => romantic.Any(w => t.Contains(w, StringComparison.OrdinalIgnoreCase))).ToArray();
        Assert.Empty(offending);
    }

    [Fact]
    public void A_duplicate_question_id_fails_the_load_with_a_clear_message()
    {
        var ex = LoadModified(questions: q =>
        {
            var safety = q["sections"]![1]!["questions"]!.AsArray();
            safety[1]!["id"] = safety[0]!["id"]!.GetValue<string>();
        });
        Assert.Contains(ex.Problems, p => p.Contains("safety.physical_violence", StringComparison.Ordinal) && p.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void A_track_naming_a_missing_step_fails_the_load_with_a_clear_message()
    {
        var ex = LoadModified(plans: p => p["tracks"]![0]!["steps"]!.AsArray().Add(new JsonObject { ["step"] = "step.does_not_exist" }));
        Assert.Contains(ex.Problems, p => p.Contains("step.does_not_exist", StringComparison.Ordinal));
    }

    [Fact]
    public void A_track_listing_the_same_step_twice_fails_the_load()
    {
        var ex = LoadModified(plans: p =>
        {
            var steps = p["tracks"]![0]!["steps"]!.AsArray();
            steps.Add(steps[0]!.DeepClone());
        });
        Assert.Contains(ex.Problems, p => p.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_naming_an_unknown_signal_and_a_missing_message_are_both_reported()
    {
        var ex = LoadModified(
            questions: q => q["safetyRules"]![0]!["allOf"]!.AsArray().Add("safety.not_a_question"),
            messages: m => m["messages"]!.AsObject().Remove(MessageIds.SafetyImmediate));
        Assert.Contains(ex.Problems, p => p.Contains("safety.not_a_question", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains(MessageIds.SafetyImmediate, StringComparison.Ordinal));
    }

    [Fact]
    public void A_track_the_engine_does_not_know_fails_the_load_rather_than_being_silently_dropped()
    {
        var ex = LoadModified(plans: p =>
        {
            var copy = p["tracks"]![0]!.DeepClone();
            copy["id"] = "track.new_idea";
            p["tracks"]!.AsArray().Add(copy);
        });
        Assert.Contains(ex.Problems, p => p.Contains("track.new_idea", StringComparison.Ordinal));
    }

    [Fact]
    public void Content_files_with_different_versions_fail_the_load()
    {
        var ex = LoadModified(plans: p => p["contentVersion"] = "9.9.9");
        Assert.Contains(ex.Problems, p => p.Contains("versions differ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_property_in_content_fails_the_load_instead_of_being_ignored()
    {
        var ex = LoadModified(questions: q => q["sections"]![0]!["questions"]![0]!["texxt"] = "typo");
        Assert.Contains(ex.Problems, p => p.Contains("texxt", StringComparison.Ordinal));
    }

    [Fact]
    public void The_unmodified_files_load_through_the_same_path_the_tests_use_to_break_them()
    {
        var catalog = ContentCatalog.Load(Open("questions.json"), Open("plans.json"), Open("messages.json"));
        Assert.Equal(Catalog.Questions.Count, catalog.Questions.Count);
    }

    internal static Stream Open(string name) =>
        typeof(ContentCatalog).Assembly.GetManifestResourceStream("HealingCompass.Content." + name)!;

    private static ContentLoadException LoadModified(
        Action<JsonNode>? questions = null, Action<JsonNode>? plans = null, Action<JsonNode>? messages = null) =>
        Assert.Throws<ContentLoadException>(() => ContentCatalog.Load(Modify("questions.json", questions), Modify("plans.json", plans), Modify("messages.json", messages)));

    private static MemoryStream Modify(string name, Action<JsonNode>? change)
    {
        using var reader = new StreamReader(Open(name));
        var node = JsonNode.Parse(reader.ReadToEnd())!;
        change?.Invoke(node);
        return new MemoryStream(Encoding.UTF8.GetBytes(node.ToJsonString()));
    }
}
