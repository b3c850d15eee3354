using System.Globalization;
using System.Text.Json;
using HealingCompass.Domain.Safety;

namespace HealingCompass.Domain.Content;

/// <summary>
/// All of the product's content, loaded from the embedded JSON, validated, and indexed for the engine.
/// Immutable after load; <see cref="Default"/> is parsed once per process and shared.
/// </summary>
public sealed class ContentCatalog
{
    private static readonly Lazy<ContentCatalog> DefaultCatalog = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, QuestionInfo> questionsById;
    private readonly Dictionary<string, int> signalOrdinals;
    private readonly Dictionary<string, TrackDefinition> tracksById;
    private readonly Dictionary<string, StepDefinition> stepsById;
    private readonly IReadOnlyDictionary<string, string> messages;

    private ContentCatalog(QuestionBank bank, PlanLibrary plans, MessageCatalog messageCatalog)
    {
        Bank = bank;
        Plans = plans;
        messages = messageCatalog.Messages;
        ContentVersion = bank.ContentVersion;

        var problems = new List<string>();
        var builder = new CatalogIndexBuilder(bank, plans, messageCatalog, problems);
        builder.Build();
        if (problems.Count > 0)
        {
            throw new ContentLoadException(problems);
        }

        Questions = builder.Questions;
        questionsById = builder.QuestionsById;
        signalOrdinals = builder.SignalOrdinals;
        SignalNames = builder.SignalNames;
        FactorItems = builder.FactorItems;
        SafetyItems = builder.SafetyItems;
        Rules = builder.Rules;
        tracksById = plans.Tracks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        stepsById = plans.Steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
        TrackSteps = builder.TrackSteps;
        Adaptations = builder.Adaptations;
        PitfallConditions = builder.PitfallConditions;
        TimelineConditions = builder.TimelineConditions;
        MajorVersion = ParseMajor(ContentVersion);
    }

    /// <summary>The content shipped with this build, parsed on first use.</summary>
    public static ContentCatalog Default => DefaultCatalog.Value;

    public string ContentVersion { get; }
    internal int MajorVersion { get; }
    public QuestionBank Bank { get; }
    public PlanLibrary Plans { get; }

    /// <summary>Every question in the order the person meets it.</summary>
    public IReadOnlyList<QuestionInfo> Questions { get; }
    public IReadOnlyList<Section> Sections => Bank.Sections;
    public IReadOnlyList<FactorDefinition> Factors => Bank.Factors;
    public IReadOnlyList<TrackDefinition> Tracks => Plans.Tracks;
    public IReadOnlyList<StepDefinition> Steps => Plans.Steps;

    internal IReadOnlyList<string> SignalNames { get; }
    internal IReadOnlyList<QuestionInfo[]> FactorItems { get; }
    internal IReadOnlyList<QuestionInfo> SafetyItems { get; }
    internal IReadOnlyList<CompiledRule> Rules { get; }
    internal IReadOnlyDictionary<string, CompiledCondition[]> TrackSteps { get; }
    internal IReadOnlyDictionary<string, CompiledCondition[]> Adaptations { get; }
    internal IReadOnlyDictionary<string, CompiledCondition> PitfallConditions { get; }
    internal IReadOnlyDictionary<string, CompiledCondition> TimelineConditions { get; }

    public int SignalCount => SignalNames.Count;

    public bool TryGetQuestion(string id, out QuestionInfo question) =>
        questionsById.TryGetValue(id, out question!);

    public QuestionInfo GetQuestion(string id) =>
        questionsById.TryGetValue(id, out var q) ? q : throw new KeyNotFoundException($"No question with ID '{id}'.");

    public bool TryGetTrack(string id, out TrackDefinition track) => tracksById.TryGetValue(id, out track!);

    public TrackDefinition GetTrack(string id) =>
        tracksById.TryGetValue(id, out var t) ? t : throw new KeyNotFoundException($"No track with ID '{id}'.");

    public bool TryGetStep(string id, out StepDefinition step) => stepsById.TryGetValue(id, out step!);

    internal int SignalOrdinal(string id) => signalOrdinals.TryGetValue(id, out var i) ? i : -1;

    public bool IsSignal(string id) => signalOrdinals.ContainsKey(id);

    /// <summary>A sentence of the product by its ID (all IDs the engine uses are checked at load).</summary>
    public string Message(string id) => messages.TryGetValue(id, out var text) ? text : id;

    /// <summary>A sentence with placeholders such as {0} filled in.</summary>
    public string Message(string id, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Message(id), args);

    /// <summary>Whether answers written against <paramref name="version"/> can be read by this content.</summary>
    public bool IsCompatibleVersion(string version) => ParseMajor(version) is var m && m >= 0 && m == MajorVersion;

    /// <summary>Loads and validates content from three JSON documents (used for the embedded files and by tests).</summary>
    public static ContentCatalog Load(Stream questionsJson, Stream plansJson, Stream messagesJson)
    {
        ArgumentNullException.ThrowIfNull(questionsJson);
        ArgumentNullException.ThrowIfNull(plansJson);
        ArgumentNullException.ThrowIfNull(messagesJson);
        var bank = Deserialize(questionsJson, ContentJsonContext.Default.QuestionBank, "questions.json");
        var plans = Deserialize(plansJson, ContentJsonContext.Default.PlanLibrary, "plans.json");
        var msgs = Deserialize(messagesJson, ContentJsonContext.Default.MessageCatalog, "messages.json");
        return new ContentCatalog(bank, plans, msgs);
    }

    private static ContentCatalog LoadEmbedded()
    {
        using var questions = OpenEmbedded("questions.json");
        using var plans = OpenEmbedded("plans.json");
        using var msgs = OpenEmbedded("messages.json");
        return Load(questions, plans, msgs);
    }

    private static Stream OpenEmbedded(string name) =>
        typeof(ContentCatalog).Assembly.GetManifestResourceStream("HealingCompass.Content." + name)
        ?? throw new ContentLoadException($"{name}: not embedded in {typeof(ContentCatalog).Assembly.GetName().Name}.");

    private static T Deserialize<T>(Stream json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, string name)
    {
        try
        {
            return JsonSerializer.Deserialize(json, info) ?? throw new ContentLoadException($"{name}: the document is empty.");
        }
        catch (JsonException ex)
        {
            throw new ContentLoadException($"{name}: {ex.Message}", ex);
        }
    }

    private static int ParseMajor(string version)
    {
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? version : version[..dot];
        return int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : -1;
    }
}

/// <summary>
/// A signal condition resolved to ordinals: true when any of WhenAny (or WhenAny is empty) and none of UnlessAny.
/// <paramref name="Ordinal"/> is the target's position in its list (steps), or -1. <paramref name="DependsOn"/> are
/// the ordinals of the steps the target refers to: it stays only when every one of them is in the plan.
/// </summary>
internal readonly record struct CompiledCondition(object Target, int Ordinal, int[] WhenAny, int[] UnlessAny, int[] DependsOn);

/// <summary>A safety rule resolved to ordinals, with its explanation ready-made.</summary>
internal sealed record CompiledRule(SafetyRule Rule, int[] AllOf, int[] AnyOf, int[] AndAnyOf, SafetyDriver Driver);
