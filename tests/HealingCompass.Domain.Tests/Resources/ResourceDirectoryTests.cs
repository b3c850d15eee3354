using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealingCompass.Domain.Content;
using HealingCompass.Domain.Resources;

namespace HealingCompass.Domain.Tests.Resources;

public sealed partial class ResourceDirectoryTests
{
    private static readonly ResourceDirectory Shipped = ResourceDirectory.Default;

    private static IEnumerable<Contact> AllContacts => Shipped.Regions.SelectMany(r => r.Contacts);

    [Fact]
    public void Shipped_directory_loads_once_per_process_with_a_version_and_a_check_date()
    {
        Assert.Same(ResourceDirectory.Default, ResourceDirectory.Default);
        Assert.Matches(@"^\d+\.\d+\.\d+$", Shipped.ContentVersion);
        Assert.Equal(new DateOnly(2026, 11, 25), Shipped.VerifiedOn);
        Assert.False(string.IsNullOrWhiteSpace(Shipped.CheckLocallyNote));
    }

    [Theory]
    [InlineData("region.us", "911")]
    [InlineData("region.ca", "911")]
    [InlineData("region.uk", "999")]
    [InlineData("region.ie", "112", "999")]
    [InlineData("region.au", "000")]
    [InlineData("region.nz", "111")]
    public void Each_listed_country_has_its_emergency_number_first(string regionId, params string[] numbers)
    {
        Assert.True(Shipped.TryGetRegion(regionId, out var region));
        Assert.Equal(numbers, region.Emergency.Numbers);
        Assert.NotEmpty(region.Contacts);
    }

    [Fact]
    public void The_uk_explains_the_silent_solution_and_australia_its_mobile_and_tty_numbers()
    {
        Assert.Contains("55", Shipped.GetRegionOrGeneric("region.uk").Emergency.Note, StringComparison.Ordinal);
        var au = Shipped.GetRegionOrGeneric("region.au").Emergency.Note;
        Assert.Contains("112", au, StringComparison.Ordinal);
        Assert.Contains("106", au, StringComparison.Ordinal);
    }

    [Fact]
    public void Somewhere_else_comes_last_says_to_call_the_local_emergency_number_and_offers_directories()
    {
        Assert.Equal(
            ["region.us", "region.ca", "region.uk", "region.ie", "region.au", "region.nz", "region.other"],
            Shipped.Regions.Select(r => r.Id));
        Assert.Same(Shipped.Generic, Shipped.Regions[^1]);
        Assert.Equal(ResourceDirectory.GenericRegionId, Shipped.Generic.Id);
        Assert.Contains("emergency number", Shipped.Generic.Emergency.Note, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(
            [new Uri("https://findahelpline.com"), new Uri("https://befrienders.org")],
            Shipped.Generic.Contacts.Select(c => c.Web));
    }

    [Theory]
    [InlineData("region.xx")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_or_missing_region_falls_back_to_somewhere_else(string? regionId)
    {
        Assert.Same(Shipped.Generic, Shipped.GetRegionOrGeneric(regionId));
        if (regionId is not null)
        {
            Assert.False(Shipped.TryGetRegion(regionId, out _));
        }
    }

    [Fact]
    public void A_known_region_is_returned_rather_than_the_fallback()
    {
        Assert.Equal("United Kingdom", Shipped.GetRegionOrGeneric("region.uk").Name);
    }

    [Fact]
    public void Every_contact_names_its_source_and_check_date_and_can_be_reached()
    {
        Assert.All(AllContacts, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Source), c.Id);
            Assert.Equal(new DateOnly(2026, 11, 25), c.VerifiedOn);
            Assert.True(c.Phone is not null || c.Text is not null || c.Web is not null, c.Id);
            Assert.NotEmpty(c.Topics);
            Assert.False(string.IsNullOrWhiteSpace(c.Purpose), c.Id);
        });
    }

    [Fact]
    public void Every_web_address_is_absolute_https()
    {
        var addresses = AllContacts.Select(c => c.Web).OfType<Uri>()
            .Concat(AllContacts.Select(c => c.Source).Where(s => s.Contains("://", StringComparison.Ordinal)).Select(s => new Uri(s)));
        Assert.All(addresses, u => Assert.Equal(Uri.UriSchemeHttps, u.Scheme));
    }

    [Fact]
    public void Ids_are_unique_and_carry_their_kind_and_region()
    {
        string[] ids = [.. Shipped.Regions.Select(r => r.Id), .. AllContacts.Select(c => c.Id), .. Shipped.HelpTypes.Select(h => h.Id)];
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Shipped.Regions, r =>
            Assert.All(r.Contacts, c => Assert.StartsWith("contact." + r.Id["region.".Length..] + ".", c.Id, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("contact.ca.assaulted_womens_helpline")]
    [InlineData("contact.uk.rape_crisis_ew")]
    [InlineData("contact.uk.rape_crisis_scotland")]
    [InlineData("contact.uk.mens_advice_line")]
    [InlineData("contact.ie.lgbt_ireland")]
    [InlineData("contact.nz.shine")]
    public void Entries_the_research_could_not_confirm_are_unconfirmed_and_say_why(string contactId)
    {
        Assert.True(Shipped.TryGetContact(contactId, out var contact));
        Assert.Equal(ContactStatus.Unconfirmed, contact.Status);
        Assert.False(string.IsNullOrWhiteSpace(contact.Caution));
    }

    [Fact]
    public void Only_the_entries_flagged_in_the_research_are_unconfirmed_and_each_has_a_caution()
    {
        var unconfirmed = AllContacts.Where(c => c.Status == ContactStatus.Unconfirmed).ToArray();
        Assert.Equal(6, unconfirmed.Length);
        Assert.All(unconfirmed, c => Assert.False(string.IsNullOrWhiteSpace(c.Caution), c.Id));
    }

    [Fact]
    public void Uncertain_opening_hours_are_not_stated_as_fact()
    {
        Assert.True(Shipped.TryGetContact("contact.uk.mens_advice_line", out var mensAdvice));
        Assert.Null(mensAdvice.Hours);
        Assert.True(Shipped.TryGetContact("contact.nz.shine", out var shine));
        Assert.Null(shine.Hours);
    }

    [Fact]
    public void The_988_lifeline_does_not_offer_the_ended_lgbtq_youth_option()
    {
        Assert.True(Shipped.TryGetContact("contact.us.lifeline_988", out var lifeline));
        string[] texts = [lifeline.Name, lifeline.Purpose, lifeline.Note ?? "", lifeline.Caution ?? "", lifeline.Text ?? ""];
        Assert.All(texts, t => Assert.DoesNotMatch(PressThree(), t));
        Assert.All(texts, t => Assert.DoesNotContain("LGBT", t, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(ContactTopic.Lgbtq, lifeline.Topics);
    }

    [Fact]
    public void Peer_support_lines_are_not_presented_as_crisis_services()
    {
        Assert.True(Shipped.TryGetContact("contact.au.qlife", out var qlife));
        Assert.DoesNotContain(ContactTopic.Crisis, qlife.Topics);
        Assert.Contains("not a crisis", qlife.Purpose, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Services_for_men_who_use_violence_are_not_listed_as_support_for_victims()
    {
        Assert.DoesNotContain(AllContacts, c => c.Name.Contains("Referral Service", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_kind_of_professional_help_is_explained()
    {
        Assert.Equal(
            ["help.trauma_therapy", "help.individual_counselling", "help.support_groups", "help.legal_advice", "help.da_advocate"],
            Shipped.HelpTypes.Select(h => h.Id));
        Assert.All(Shipped.HelpTypes, h => Assert.False(string.IsNullOrWhiteSpace(h.Description), h.Id));
    }

    [Fact]
    public void The_couples_counselling_note_points_to_individual_support_first()
    {
        Assert.Contains("couples counselling", Shipped.CouplesCounsellingNote, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("individual", Shipped.CouplesCounsellingNote, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void No_sentence_tells_the_person_to_leave_or_to_stay()
    {
        var offending = AllStrings(ReadShipped()).Where(s => Directive().IsMatch(s)).ToArray();
        Assert.Empty(offending);
    }

    [Fact]
    public void The_unmodified_file_loads_through_the_same_path_the_tests_use_to_break_it()
    {
        var loaded = ResourceDirectory.Load(OpenShipped());
        Assert.Equal(Shipped.Regions.Select(r => r.Id), loaded.Regions.Select(r => r.Id));
        Assert.Equal(AllContacts.Count(), loaded.Regions.Sum(r => r.Contacts.Count));
    }

    [Fact]
    public void Every_broken_rule_is_reported_together_in_one_load()
    {
        var ex = LoadModified(root =>
        {
            var regions = root["regions"]!.AsArray();
            var us = regions[0]!;
            var usContacts = us["contacts"]!.AsArray();
            usContacts[1]!["id"] = usContacts[0]!["id"]!.GetValue<string>();       // duplicate id
            usContacts[2]!["web"] = "http://rainn.org";                            // not https
            usContacts[3]!.AsObject().Remove("source");                            // no source
            usContacts[4]!.AsObject().Remove("verifiedOn");                        // no date
            var uk = regions[2]!;
            uk["emergency"]!["numbers"] = new JsonArray();                         // no emergency number
            var ukContacts = uk["contacts"]!.AsArray();
            ukContacts[0]!["id"] = "contact.ie.wrong_region";                     // wrong prefix
            ukContacts[1]!.AsObject().Remove("phone");                             // no way to reach it
            ukContacts[1]!.AsObject().Remove("text");
            var rapeCrisis = ukContacts.First(c => c!["id"]!.GetValue<string>() == "contact.uk.rape_crisis_ew")!;
            rapeCrisis.AsObject().Remove("caution");                               // unconfirmed without caution
            rapeCrisis["source"] = "247sexualabusesupport.org.uk";                // address without https
            regions.RemoveAt(regions.Count - 1);                                   // no region.other
        });

        string[] expected =
        [
            "'contact.us.dv_hotline' is used twice",
            "'contact.us.rainn': web 'http://rainn.org/' is not an absolute https",
            "'contact.us.lifeline_988' has no source",
            "'contact.us.trevor_project' has no verifiedOn",
            "'region.uk' has no emergency number",
            "'contact.ie.wrong_region' must start with 'contact.uk.'",
            "'contact.uk.live_fear_free' has no phone, text or web",
            "'contact.uk.rape_crisis_ew' is unconfirmed but has no caution",
            "'contact.uk.rape_crisis_ew': source '247sexualabusesupport.org.uk' is a web address but not an absolute https",
            "no 'region.other' region",
        ];
        Assert.All(expected, e => Assert.Contains(ex.Problems, p => p.Contains(e, StringComparison.Ordinal)));
        Assert.All(ex.Problems, p => Assert.StartsWith("resources.json: ", p, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_status_is_read_as_unconfirmed_never_as_verified()
    {
        var ex = LoadModified(root => root["regions"]![0]!["contacts"]![0]!.AsObject().Remove("status"));
        Assert.Contains(ex.Problems, p => p.Contains("'contact.us.dv_hotline' is unconfirmed but has no caution", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_property_or_topic_fails_the_load_instead_of_being_ignored()
    {
        var typo = LoadModified(root => root["regions"]![0]!["contacts"]![0]!["phnoe"] = "123");
        Assert.Contains(typo.Problems, p => p.Contains("phnoe", StringComparison.Ordinal));

        var topic = LoadModified(root => root["regions"]![0]!["contacts"]![0]!["topics"]!.AsArray().Add("not-a-topic"));
        Assert.Contains(topic.Problems, p => p.StartsWith("resources.json: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_region_has_a_line_that_serves_everyone_and_every_entry_names_whom_it_serves()
    {
        Assert.All(Shipped.Regions, r => Assert.Contains(r.Contacts, c => c.Serves.Contains(Audience.Everyone)));
        Assert.All(AllContacts, c => Assert.NotEmpty(c.Serves));
        Assert.All(AllContacts, c => Assert.All(c.Serves, a => Assert.True(Enum.IsDefined(a), $"{c.Id} serves an unknown group")));
        // Every entry keeps its source, check date and (where known) hours beside whom it serves.
        Assert.All(AllContacts, c => Assert.False(string.IsNullOrWhiteSpace(c.Source)));
        Assert.All(AllContacts, c => Assert.NotEqual(default, c.VerifiedOn));
    }

    [Fact]
    public void The_uk_lgbt_domestic_abuse_line_is_there_for_someone_threatened_with_being_outed()
    {
        var uk = Shipped.GetRegionOrGeneric("region.uk");
        Assert.Contains(SupportFit.Serving(uk, Audience.Lgbtq).Contacts, c => c.Id == "contact.uk.galop");
    }

    [Fact]
    public void A_region_of_only_a_womens_and_a_mens_line_fails_the_load()
    {
        var ex = LoadModified(root =>
        {
            foreach (var contact in root["regions"]![0]!["contacts"]!.AsArray())
            {
                contact!["serves"] = new JsonArray("women");
            }
        });
        Assert.Contains(ex.Problems, p => p.Contains("region.us", StringComparison.Ordinal) && p.Contains("serves everyone", StringComparison.Ordinal));
    }

    [Fact]
    public void A_contact_that_does_not_say_whom_it_serves_fails_the_load()
    {
        var ex = LoadModified(root => root["regions"]![0]!["contacts"]![0]!.AsObject().Remove("serves"));
        Assert.Contains(ex.Problems, p => p.Contains("contact.us.dv_hotline", StringComparison.Ordinal) && p.Contains("whom it serves", StringComparison.Ordinal));
    }

    [Fact]
    public void No_region_claims_that_calling_for_help_leaves_immigration_status_unreported_without_a_source()
    {
        // The research behind the shipped file says nothing on this for any region, so nothing is claimed.
        Assert.All(Shipped.Regions, r => Assert.Null(r.Immigration));

        var ex = LoadModified(root => root["regions"]![0]!["immigration"] = new JsonObject { ["text"] = "Calling does not report status." });
        Assert.Contains(ex.Problems, p => p.Contains("region.us", StringComparison.Ordinal) && p.Contains("source and a verifiedOn", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sourced_immigration_note_reaches_only_someone_for_whom_immigration_is_a_worry()
    {
        var root = ReadShipped();
        root["regions"]![0]!["immigration"] = new JsonObject { ["text"] = "A checked sentence.", ["source"] = "https://example.org/checked", ["verifiedOn"] = "2026-12-01" };
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(root.ToJsonString()));
        var us = ResourceDirectory.Load(stream).GetRegionOrGeneric("region.us");
        var catalog = ContentCatalog.Default;

        var worried = HealingCompass.Domain.Assessment.SignalSet.From(new HealingCompass.Domain.Assessment.AnswerSet(catalog).Set("patterns.ongoing", HealingCompass.Domain.Assessment.AnswerValue.Multi(["pattern.immigration_threat"])));
        var barrier = HealingCompass.Domain.Assessment.SignalSet.From(new HealingCompass.Domain.Assessment.AnswerSet(catalog).Set("barriers.present", HealingCompass.Domain.Assessment.AnswerValue.Multi(["barrier.immigration"])));
        var neither = HealingCompass.Domain.Assessment.SignalSet.From(new HealingCompass.Domain.Assessment.AnswerSet(catalog));

        Assert.Equal("A checked sentence.", SupportFit.ImmigrationNote(us, worried)?.Text);
        Assert.Equal("A checked sentence.", SupportFit.ImmigrationNote(us, barrier)?.Text);
        Assert.Null(SupportFit.ImmigrationNote(us, neither));
        Assert.Null(SupportFit.ImmigrationNote(Shipped.GetRegionOrGeneric("region.us"), worried));
    }

    private static Stream OpenShipped() =>
        typeof(ResourceDirectory).Assembly.GetManifestResourceStream("HealingCompass.Content.resources.json")!;

    private static JsonNode ReadShipped()
    {
        using var reader = new StreamReader(OpenShipped());
        return JsonNode.Parse(reader.ReadToEnd())!;
    }

    private static ContentLoadException LoadModified(Action<JsonNode> change)
    {
        var root = ReadShipped();
        change(root);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(root.ToJsonString()));
        return Assert.Throws<ContentLoadException>(() => ResourceDirectory.Load(stream));
    }

    private static IEnumerable<string> AllStrings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => AllStrings(p.Value)),
        JsonArray a => a.SelectMany(AllStrings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    [GeneratedRegex(@"press(ing)?\s*3|\b3\s+for\b|option\s*3", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PressThree();

    // The same kind of scan the question and plan content gets: no imperative to leave, stay or end things.
    [GeneratedRegex(
        @"\b(you\s+(should|must|need\s+to|have\s+to|ought\s+to)\s+(leave|stay|go|end|get\s+out|break\s+up|separate|cut)|(^|[.!]\s*)(leave|stay\s+with|get\s+out|break\s+up\s+with|end\s+it)\b|it'?s\s+time\s+to\s+(leave|go|get\s+out))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Directive();
}
