using System.Globalization;
using System.Text.Json;
using HealingCompass.Domain.Content;

namespace HealingCompass.Domain.CheckIns;

/// <summary>
/// The weekly check-in's questions, loaded from the embedded <c>checkins.json</c> and validated: stable IDs,
/// wording versions rising by one, every scale point labelled, the WHO-5 complete. Immutable after load.
/// </summary>
public sealed class CheckInQuestions
{
    public const string WeekFelt = "checkin.week_felt";
    public const string FeltSafe = "checkin.felt_safe";
    public const string BoundariesHeld = "checkin.boundaries_held";
    public const string CommitmentsKept = "checkin.commitments_kept";
    public const string Nourished = "checkin.nourished";
    public const string ReachedSupport = "checkin.reached_support";
    public const string Note = "checkin.note";

    /// <summary>Every question the app asks by ID; the file must define each.</summary>
    public static IReadOnlyList<string> All { get; } = [WeekFelt, FeltSafe, BoundariesHeld, CommitmentsKept, Nourished, ReachedSupport, Note];

    private const string FileName = "checkins.json";
    private static readonly Lazy<CheckInQuestions> DefaultQuestions = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<string, CheckInQuestion> byId;

    private CheckInQuestions(CheckInContentData data)
    {
        var problems = Validate(data);
        if (problems.Count > 0)
        {
            throw new ContentLoadException([.. problems.Select(p => FileName + ": " + p)]);
        }
        Data = data;
        byId = data.Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
    }

    public static CheckInQuestions Default => DefaultQuestions.Value;

    public CheckInContentData Data { get; }

    public string ContentVersion => Data.ContentVersion;

    public int NoteMaxLength => Data.NoteMaxLength;

    public int NourishedMaxLength => Data.NourishedMaxLength;

    public int OwnCommitmentMaxLength => Data.OwnCommitmentMaxLength;

    public Who5Definition Who5 => Data.Who5;

    public CheckInQuestion this[string id] => byId[id];

    /// <summary>The wording an answer was given against; the current one when that version is unknown.</summary>
    public QuestionWording Wording(string questionId, int version)
    {
        var question = byId[questionId];
        return question.Wordings.FirstOrDefault(w => w.Version == version) ?? question.Current;
    }

    /// <summary>The versions asked now, by question ID: what a new check-in records beside its answers.</summary>
    public IReadOnlyDictionary<string, int> CurrentVersions() =>
        byId.ToDictionary(kv => kv.Key, kv => kv.Value.Current.Version, StringComparer.Ordinal);

    public string Message(string id) => Data.Messages.TryGetValue(id, out var text) ? text : id;

    public string Message(string id, params object?[] args) => string.Format(CultureInfo.InvariantCulture, Message(id), args);

    public static CheckInQuestions Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var data = JsonSerializer.Deserialize(json, CheckInJsonContext.Default.CheckInContentData)
                ?? throw new ContentLoadException(FileName + ": the document is empty.");
            return new CheckInQuestions(data);
        }
        catch (JsonException ex)
        {
            throw new ContentLoadException($"{FileName}: {ex.Message}", ex);
        }
    }

    private static CheckInQuestions LoadEmbedded()
    {
        using var stream = typeof(CheckInQuestions).Assembly.GetManifestResourceStream("HealingCompass.Content." + FileName)
            ?? throw new ContentLoadException($"{FileName}: not embedded.");
        return Load(stream);
    }

    private static List<string> Validate(CheckInContentData data)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in data.Questions)
        {
            if (!seen.Add(q.Id))
            {
                problems.Add($"question '{q.Id}' is defined twice.");
            }
            if (q.Wordings.Count == 0)
            {
                problems.Add($"question '{q.Id}' has no wording.");
            }
            for (var i = 0; i < q.Wordings.Count; i++)
            {
                if (q.Wordings[i].Version != i + 1)
                {
                    problems.Add($"question '{q.Id}': wording versions must be 1, 2, 3… in order.");
                }
                if (q.Wordings[i].Points.Any(p => string.IsNullOrWhiteSpace(p.Label)))
                {
                    problems.Add($"question '{q.Id}' version {q.Wordings[i].Version}: every point needs a label.");
                }
            }
        }
        foreach (var id in All)
        {
            if (!seen.Contains(id))
            {
                problems.Add($"question '{id}' is missing.");
            }
        }
        foreach (var scaleId in new[] { WeekFelt, FeltSafe })
        {
            var q = data.Questions.FirstOrDefault(x => x.Id == scaleId);
            if (q is not null && q.Wordings.Any(w => !w.Points.Select(p => p.Value).Order().SequenceEqual([1, 2, 3, 4, 5])))
            {
                problems.Add($"question '{scaleId}': every wording needs the points 1 to 5.");
            }
        }
        if (data.Who5.Items.Count != Who5Score.ItemCount)
        {
            problems.Add("who5 needs exactly five items.");
        }
        if (!data.Who5.Points.Select(p => p.Value).Order().SequenceEqual([0, 1, 2, 3, 4, 5]))
        {
            problems.Add("who5 needs the points 0 to 5.");
        }
        if (data.NoteMaxLength <= 0 || data.NourishedMaxLength <= 0 || data.OwnCommitmentMaxLength <= 0)
        {
            problems.Add("length limits must be positive.");
        }
        return problems;
    }
}
