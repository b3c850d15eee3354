using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealingCompass.Domain.Tests.Content;

/// <summary>The product explains and offers; it never tells a person to leave or to stay.</summary>
public sealed partial class ContentLanguageTests
{
    public static TheoryData<string> ContentFiles => ["questions.json", "plans.json", "messages.json"];

    [Theory]
    [MemberData(nameof(ContentFiles))]
    public void No_sentence_tells_the_person_to_leave_or_to_stay(string file)
    {
        var offending = AllStrings(file).Where(s => Directive().IsMatch(s)).ToArray();
        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("You should leave them.")]
    [InlineData("You must stay for the children.")]
    [InlineData("It's time to leave.")]
    [InlineData("You need to get out now.")]
    [InlineData("Leave him.")]
    [InlineData("Stay with her and work it out.")]
    [InlineData("You have to end the relationship.")]
    public void The_directive_scan_catches_directive_phrases(string sentence) => Assert.Matches(Directive(), sentence);

    [Theory]
    [InlineData("If you consider leaving, planning it with an advocate can make it safer.")]
    [InlineData("Whether you stay, leave or haven't decided, this is for you.")]
    [InlineData("You said you have left or stepped back.")]
    public void The_directive_scan_lets_options_and_explanations_through(string sentence) => Assert.DoesNotMatch(Directive(), sentence);

    [Theory]
    [MemberData(nameof(ContentFiles))]
    public void Content_names_no_social_media_or_newsletter(string file)
    {
        var offending = AllStrings(file).Where(s => Marketing().IsMatch(s)).ToArray();
        Assert.Empty(offending);
    }

    public static TheoryData<string> EveryFile => ["questions.json", "plans.json", "messages.json", "resources.json"];

    // The other person may be of any gender, and so may the person reading: content says "they" or "this person".
    [Theory]
    [MemberData(nameof(EveryFile))]
    public void No_content_gives_anyone_a_gendered_pronoun(string file)
    {
        var offending = AllStrings(file).Where(s => Pronoun().IsMatch(s)).ToArray();
        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("Tell him how you feel.")]
    [InlineData("If she checks your phone, note it.")]
    [InlineData("His moods swing.")]
    [InlineData("Ask her family for help.")]
    [InlineData("They blame themselves; he says so himself.")]
    public void The_pronoun_scan_catches_gendered_pronouns(string sentence) => Assert.Matches(Pronoun(), sentence);

    [Theory]
    [InlineData("They threaten to tell others private things about me.")]
    [InlineData("This person checks the other's phone; there, here, where, other, this, theirs.")]
    [InlineData("Support for women affected by domestic abuse.")]
    public void The_pronoun_scan_lets_neutral_words_through(string sentence) => Assert.DoesNotMatch(Pronoun(), sentence);

    private static string[] AllStrings(string file)
    {
        using var reader = new StreamReader(ContentCatalogTests.Open(file));
        var root = JsonNode.Parse(reader.ReadToEnd())!;
        return Walk(root).ToArray();

        static IEnumerable<string> Walk(JsonNode? node) => node switch
        {
            JsonObject o => o.SelectMany(p => Walk(p.Value)),
            JsonArray a => a.SelectMany(Walk),
            JsonValue v when v.TryGetValue<string>(out var s) && !IsId(s) => [s],
            _ => [],
        };
    }

    // IDs such as "want.leave" are not sentences anyone reads.
    private static bool IsId(string s) => IdShape().IsMatch(s);

    [GeneratedRegex(@"^[a-z0-9]+([._][a-z0-9]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    // Imperatives and obligations about leaving, staying or ending the relationship, aimed at the reader.
    [GeneratedRegex(
        @"\b(you\s+(should|must|need\s+to|have\s+to|ought\s+to|'d\s+better|had\s+better)\s+(leave|stay|go|end|get\s+out|break\s+up|separate|cut)|(^|[.!]\s*)(leave|stay\s+with|get\s+out|break\s+up\s+with|end\s+it)\b|it'?s\s+time\s+to\s+(leave|go|get\s+out)|(leave|dump)\s+(him|her|them)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Directive();

    [GeneratedRegex(@"\b(he|she|him|his|her|hers|himself|herself)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"\b(facebook|pinterest|instagram|twitter|tiktok|newsletter|email community|subscribe)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Marketing();
}
