using System.Text.RegularExpressions;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Safety;

namespace HealingCompass.Domain.Content;

/// <summary>
/// Checks the content for every mistake an editor could make (duplicate IDs, dangling references,
/// missing words) and builds the indexes the engine reads. All problems are collected, not just the first.
/// </summary>
internal sealed partial class CatalogIndexBuilder(QuestionBank bank, PlanLibrary plans, MessageCatalog messages, List<string> problems)
{
    private const string YesOption = "yes";

    public List<QuestionInfo> Questions { get; } = [];
    public Dictionary<string, QuestionInfo> QuestionsById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> SignalOrdinals { get; } = new(StringComparer.Ordinal);
    public List<string> SignalNames { get; } = [];
    public List<QuestionInfo[]> FactorItems { get; } = [];
    public List<QuestionInfo> SafetyItems { get; } = [];
    public List<CompiledRule> Rules { get; } = [];
    public Dictionary<string, CompiledCondition[]> TrackSteps { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, CompiledCondition[]> Adaptations { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, CompiledCondition> PitfallConditions { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, CompiledCondition> TimelineConditions { get; } = new(StringComparer.Ordinal);

    public void Build()
    {
        CheckVersions();
        var optionSets = UniqueById(bank.OptionSets, s => s.Id, "option set");
        var scales = UniqueById(bank.Scales, s => s.Id, "scale");
        var factors = UniqueById(bank.Factors, f => f.Id, "factor");
        UniqueById(bank.Sections, s => s.Id, "section");

        foreach (var scale in bank.Scales)
        {
            if (scale.Points.Count < 2 || scale.Points.Select(p => p.Value).Distinct().Count() != scale.Points.Count)
            {
                problems.Add($"scale '{scale.Id}' needs at least two points with distinct values.");
            }
        }

        foreach (var factor in bank.Factors)
        {
            RequireText(factor.Title, $"factor '{factor.Id}' title");
            RequireText(factor.Description, $"factor '{factor.Id}' description");
            if (factor.Weight <= 0)
            {
                problems.Add($"factor '{factor.Id}' needs a positive weight.");
            }
        }

        var factorIndex = bank.Factors.Select((f, i) => (f.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var factorLists = bank.Factors.Select(_ => new List<QuestionInfo>()).ToList();

        foreach (var section in bank.Sections)
        {
            RequireText(section.Title, $"section '{section.Id}' title");
            RequireText(section.Intro, $"section '{section.Id}' intro");
            if (section.Questions.Count == 0)
            {
                problems.Add($"section '{section.Id}' has no questions.");
            }

            foreach (var q in section.Questions)
            {
                AddQuestion(section, q, optionSets, scales, factorIndex, factorLists);
            }
        }

        for (var i = 0; i < factorLists.Count; i++)
        {
            if (factorLists[i].Count == 0)
            {
                problems.Add($"factor '{bank.Factors[i].Id}' has no questions feeding it.");
            }

            FactorItems.Add([.. factorLists[i]]);
        }

        foreach (var id in SignalIds.RequiredQuestions.Where(id => !QuestionsById.ContainsKey(id)))
        {
            problems.Add($"the engine needs question '{id}', which is missing.");
        }

        foreach (var id in SignalIds.RequiredSignals.Where(id => !SignalOrdinals.ContainsKey(id)))
        {
            problems.Add($"the engine needs the option '{id}', which is missing.");
        }

        if (!factors.ContainsKey(SignalIds.FactorAccountability))
        {
            problems.Add($"the engine needs factor '{SignalIds.FactorAccountability}', which is missing.");
        }

        CompileRules();
        if (!bank.SafetyRules.Any(r => r.Id == SignalIds.CoerciveControlRule))
        {
            problems.Add($"the engine needs safety rule '{SignalIds.CoerciveControlRule}', which is missing.");
        }

        CompilePlans();
        CheckMessages();
    }

    private void CheckVersions()
    {
        if (!VersionPattern().IsMatch(bank.ContentVersion))
        {
            problems.Add($"questions.json contentVersion '{bank.ContentVersion}' is not of the form major.minor.patch.");
        }

        if (plans.ContentVersion != bank.ContentVersion || messages.ContentVersion != bank.ContentVersion)
        {
            problems.Add($"content versions differ: questions {bank.ContentVersion}, plans {plans.ContentVersion}, messages {messages.ContentVersion}.");
        }
    }

    private void AddQuestion(
        Section section,
        Question q,
        Dictionary<string, OptionSet> optionSets,
        Dictionary<string, AnswerScale> scales,
        Dictionary<string, int> factorIndex,
        List<List<QuestionInfo>> factorLists)
    {
        var where = $"question '{q.Id}'";
        RequireId(q.Id, "question");
        RequireText(q.Text, $"{where} text");
        if (QuestionsById.ContainsKey(q.Id))
        {
            problems.Add($"{where} is defined twice.");
            return;
        }

        IReadOnlyList<AnswerOption> options = [];
        AnswerScale? scale = null;
        switch (q.Kind)
        {
            case QuestionKind.Choice or QuestionKind.Multi:
                options = ResolveOptions(q, optionSets, where);
                break;
            case QuestionKind.Scale:
                if (q.Scale is null || !scales.TryGetValue(q.Scale, out scale))
                {
                    problems.Add($"{where} names scale '{q.Scale}', which does not exist.");
                }

                if (q.Factor is null || !factorIndex.ContainsKey(q.Factor))
                {
                    problems.Add($"{where} names factor '{q.Factor}', which does not exist.");
                }

                RequireText(q.LowText, $"{where} lowText");
                RequireText(q.HighText, $"{where} highText");
                CheckWhose(q, where);
                break;
            case QuestionKind.Text:
                if (q.MaxLength is not > 0)
                {
                    problems.Add($"{where} is a text question and needs a positive maxLength.");
                }

                break;
            default:
                problems.Add($"{where} has an unknown kind.");
                break;
        }

        if (q.Kind != QuestionKind.Scale && (q.Factor is not null || q.Reverse))
        {
            problems.Add($"{where}: only scale questions feed a factor.");
        }

        var info = new QuestionInfo(q, section, Questions.Count, options, scale);
        Questions.Add(info);
        QuestionsById.Add(q.Id, info);

        if (q.Factor is not null && factorIndex.TryGetValue(q.Factor, out var fi) && scale is not null)
        {
            info.FactorIndex = fi;
            info.LowDriver = new FactorDriver(q.Id, PullsDown: true, q.LowText ?? string.Empty);
            info.HighDriver = new FactorDriver(q.Id, PullsDown: false, q.HighText ?? string.Empty);
            factorLists[fi].Add(info);
        }

        // Options with a dotted ID are global signals (e.g. "pattern.isolation") that rules and plans name.
        var signals = new int[options.Count];
        for (var i = 0; i < options.Count; i++)
        {
            RequireText(options[i].Label, $"{where} option '{options[i].Id}' label");
            signals[i] = options[i].Id.Contains('.', StringComparison.Ordinal) ? AddSignal(options[i].Id, where) : -1;
        }

        info.OptionSignals = signals;

        if (q.Safety is { } safety)
        {
            if (q.Kind != QuestionKind.Choice || info.IndexOfOption(YesOption) < 0)
            {
                problems.Add($"{where} is a safety item and must be a choice with a '{YesOption}' option.");
            }

            if (!q.Required)
            {
                problems.Add($"{where} is a safety item and must be required.");
            }

            RequireText(safety.SaidYes, $"{where} saidYes");
            info.YesSignal = AddSignal(q.Id, where);
            info.YesDriver = new SafetyDriver(q.Id, safety.LevelIfYes, safety.SaidYes);
            var unsure = messages.Messages.TryGetValue(MessageIds.SafetyUnsure, out var template)
                ? string.Format(System.Globalization.CultureInfo.InvariantCulture, template, q.Text)
                : q.Text;
            info.UnsureDriver = new SafetyDriver(q.Id, safety.LevelIfUnsure, unsure);
            SafetyItems.Add(info);
        }
    }

    // A result line must say whose behaviour it describes, and a factor about one person's capacity (e.g. how
    // the other person handles strong feelings) must not carry a line about the other one's.
    private void CheckWhose(Question q, string where)
    {
        if (q.About is not { } about)
        {
            problems.Add($"{where} must say whose behaviour it is about (about: they, you or both).");
            return;
        }

        var factorAbout = bank.Factors.FirstOrDefault(f => f.Id == q.Factor)?.About;
        if (factorAbout is { } fa && fa != about)
        {
            problems.Add($"{where} is about '{about}', but its factor '{q.Factor}' is about '{fa}'.");
        }

        foreach (var line in new[] { q.LowText, q.HighText })
        {
            if (line is not null && !NamesPerson(line, about))
            {
                problems.Add($"{where}: \"{line}\" does not say whose behaviour it describes ('{about}').");
            }
        }
    }

    internal static bool NamesPerson(string line, Person about) => about switch
    {
        Person.They => TheyWords().IsMatch(line),
        Person.You => YouWords().IsMatch(line),
        _ => BothWords().IsMatch(line),
    };

    private IReadOnlyList<AnswerOption> ResolveOptions(Question q, Dictionary<string, OptionSet> optionSets, string where)
    {
        IReadOnlyList<AnswerOption> options;
        if (q.Options is { Count: > 0 } inline && q.OptionSet is null)
        {
            options = inline;
        }
        else if (q.Options is null && q.OptionSet is not null && optionSets.TryGetValue(q.OptionSet, out var set))
        {
            options = set.Options;
        }
        else
        {
            problems.Add($"{where} needs either inline options or an existing option set (not both).");
            return [];
        }

        foreach (var dup in options.GroupBy(o => o.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{where} lists option '{dup.Key}' more than once.");
        }

        return options;
    }

    private int AddSignal(string id, string where)
    {
        if (SignalOrdinals.TryGetValue(id, out var existing))
        {
            problems.Add($"{where}: signal ID '{id}' is already used elsewhere.");
            return existing;
        }

        SignalOrdinals.Add(id, SignalNames.Count);
        SignalNames.Add(id);
        return SignalNames.Count - 1;
    }

    private void CompileRules()
    {
        UniqueById(bank.SafetyRules, r => r.Id, "safety rule");
        foreach (var rule in bank.SafetyRules)
        {
            var where = $"safety rule '{rule.Id}'";
            RequireText(rule.Explanation, $"{where} explanation");
            if (rule.AndAnyOf.Count > 0 && rule.AnyOf.Count == 0)
            {
                problems.Add($"{where} has andAnyOf without anyOf.");
            }

            if (rule.AllOf.Count == 0 && rule.AnyOf.Count == 0)
            {
                problems.Add($"{where} names no signals.");
            }

            if (rule.AnyOf.Count > 0 && (rule.MinCount is < 1 || rule.MinCount > rule.AnyOf.Count))
            {
                problems.Add($"{where} minCount {rule.MinCount} does not fit its {rule.AnyOf.Count} anyOf signals.");
            }

            if (rule.Level == SafetyLevel.None)
            {
                problems.Add($"{where} must raise a level above none.");
            }

            Rules.Add(new CompiledRule(rule, Resolve(rule.AllOf, where), Resolve(rule.AnyOf, where), Resolve(rule.AndAnyOf, where), new SafetyDriver(rule.Id, rule.Level, rule.Explanation)));
        }
    }

    private void CompilePlans()
    {
        var tracks = UniqueById(plans.Tracks, t => t.Id, "track");
        var steps = UniqueById(plans.Steps, s => s.Id, "step");
        UniqueById(plans.Timeline, m => m.Id, "timeline marker");
        UniqueById(plans.Pitfalls, p => p.Id, "pitfall");

        foreach (var id in TrackIds.All.Where(id => !tracks.ContainsKey(id)))
        {
            problems.Add($"the engine needs track '{id}', which is missing.");
        }

        // The plan order and the advice are code; a track they do not know would silently never be shown.
        foreach (var id in tracks.Keys.Where(id => !TrackIds.All.Contains(id)))
        {
            problems.Add($"track '{id}' is not known to the engine: add it to TrackIds, the advice and the plan order first.");
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var stepOrdinal = plans.Steps.Select((s, i) => (s.Id, i)).DistinctBy(x => x.Id).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var track in plans.Tracks)
        {
            var where = $"track '{track.Id}'";
            RequireText(track.Title, $"{where} title");
            RequireText(track.Summary, $"{where} summary");
            if (track.Gains.Count == 0 || track.Costs.Count == 0)
            {
                problems.Add($"{where} needs its gains and its costs: a choice is only fair with both.");
            }

            if (track.Steps.Count == 0)
            {
                problems.Add($"{where} has no steps.");
            }

            var compiled = new List<CompiledCondition>();
            var inTrack = new HashSet<string>(StringComparer.Ordinal);
            foreach (var ts in track.Steps)
            {
                if (!steps.TryGetValue(ts.Step, out var step))
                {
                    problems.Add($"{where} names step '{ts.Step}', which does not exist.");
                    continue;
                }

                if (!inTrack.Add(ts.Step))
                {
                    problems.Add($"{where} lists step '{ts.Step}' twice.");
                }

                used.Add(ts.Step);
                foreach (var dep in step.DependsOn.Where(d => !inTrack.Contains(d) && steps.ContainsKey(d)))
                {
                    problems.Add($"{where} lists step '{ts.Step}' before '{dep}', which it depends on: list '{dep}' first.");
                }

                compiled.Add(new CompiledCondition(step, stepOrdinal[ts.Step], Resolve(ts.WhenAny, where), Resolve(ts.UnlessAny, where), Dependencies(step.DependsOn, $"step '{step.Id}'", stepOrdinal)));
            }

            TrackSteps[track.Id] = [.. compiled];
        }

        foreach (var step in plans.Steps)
        {
            var where = $"step '{step.Id}'";
            RequireText(step.Title, $"{where} title");
            RequireText(step.Why, $"{where} why");
            if (step.How.Count == 0 || step.How.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"{where} needs at least one concrete 'how'.");
            }

            if (!used.Contains(step.Id))
            {
                problems.Add($"{where} is not used by any track.");
            }

            Adaptations[step.Id] = [.. step.Adaptations.Select(a =>
            {
                RequireText(a.Text, $"{where} adaptation");
                if (a.WhenAny.Count == 0 && a.UnlessAny.Count == 0)
                {
                    problems.Add($"{where} has an adaptation with no condition.");
                }

                return new CompiledCondition(a, -1, Resolve(a.WhenAny, where), Resolve(a.UnlessAny, where), []);
            })];
        }

        foreach (var marker in plans.Timeline)
        {
            var where = $"timeline marker '{marker.Id}'";
            RequireText(marker.Text, $"{where} text");
            CheckTracks(marker.Tracks, where, tracks);
            TimelineConditions[marker.Id] = new CompiledCondition(marker, -1, Resolve(marker.WhenAny, where), Resolve(marker.UnlessAny, where), Dependencies(marker.DependsOn, where, stepOrdinal));
        }

        foreach (var pitfall in plans.Pitfalls)
        {
            var where = $"pitfall '{pitfall.Id}'";
            RequireText(pitfall.Title, $"{where} title");
            RequireText(pitfall.Text, $"{where} text");
            RequireText(pitfall.Instead, $"{where} instead");
            CheckTracks(pitfall.Tracks, where, tracks);
            PitfallConditions[pitfall.Id] = new CompiledCondition(pitfall, -1, Resolve(pitfall.WhenAny, where), Resolve(pitfall.UnlessAny, where), Dependencies(pitfall.DependsOn, where, stepOrdinal));
        }

        CheckReferences();
    }

    private int[] Dependencies(IReadOnlyList<string> stepIds, string where, Dictionary<string, int> stepOrdinal)
    {
        var result = new int[stepIds.Count];
        for (var i = 0; i < stepIds.Count; i++)
        {
            if (!stepOrdinal.TryGetValue(stepIds[i], out result[i]))
            {
                problems.Add($"{where} depends on step '{stepIds[i]}', which does not exist.");
                result[i] = -1;
            }
        }

        return result;
    }

    // What remains in a plan must never point at a step that was left out (held back while abuse continues, or
    // not in the chosen paths): any text that uses the words a step is known by must declare that it depends on it.
    private void CheckReferences()
    {
        // A step listed without conditions in personal healing, which every plan includes, is always there.
        var alwaysThere = plans.Tracks.Where(t => t.Id == TrackIds.PersonalHealing).SelectMany(t => t.Steps)
            .Where(ts => ts.WhenAny.Count == 0 && ts.UnlessAny.Count == 0).Select(ts => ts.Step).ToHashSet(StringComparer.Ordinal);
        var named = plans.Steps
            .Where(s => !(alwaysThere.Contains(s.Id) && !s.Joint && !s.HeldBackWhileAbuse && s.DependsOn.Count == 0))
            .SelectMany(s => s.RefersAs.Select(words => (Step: s.Id, Words: words))).ToList();
        if (named.Count == 0)
        {
            return;
        }

        foreach (var step in plans.Steps)
        {
            Check($"step '{step.Id}'", step.Id, step.DependsOn, [step.Title, step.Why, .. step.How, step.Commitment, .. step.Adaptations.Select(a => a.Text)]);
        }

        foreach (var marker in plans.Timeline)
        {
            Check($"timeline marker '{marker.Id}'", null, marker.DependsOn, [marker.Text]);
        }

        foreach (var pitfall in plans.Pitfalls)
        {
            Check($"pitfall '{pitfall.Id}'", null, pitfall.DependsOn, [pitfall.Title, pitfall.Text, pitfall.Instead]);
        }

        void Check(string where, string? self, IReadOnlyList<string> dependsOn, IEnumerable<string?> texts)
        {
            foreach (var text in texts)
            {
                foreach (var (stepId, words) in named)
                {
                    if (text is not null && stepId != self && !dependsOn.Contains(stepId)
                        && text.Contains(words, StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add($"{where} mentions \"{words}\" (step '{stepId}') without depending on it, so it could remain when that step is left out.");
                    }
                }
            }
        }
    }

    private void CheckTracks(IReadOnlyList<string> ids, string where, Dictionary<string, TrackDefinition> tracks)
    {
        if (ids.Count == 0)
        {
            problems.Add($"{where} belongs to no track.");
        }

        foreach (var id in ids.Where(id => !tracks.ContainsKey(id)))
        {
            problems.Add($"{where} names track '{id}', which does not exist.");
        }
    }

    private void CheckMessages()
    {
        foreach (var id in MessageIds.All)
        {
            if (!messages.Messages.TryGetValue(id, out var text) || string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"messages.json has no text for '{id}'.");
            }
        }
    }

    private int[] Resolve(IReadOnlyList<string> signalIds, string where)
    {
        var result = new int[signalIds.Count];
        for (var i = 0; i < signalIds.Count; i++)
        {
            if (!SignalOrdinals.TryGetValue(signalIds[i], out result[i]))
            {
                problems.Add($"{where} names signal '{signalIds[i]}', which no question defines.");
                result[i] = -1;
            }
        }

        return result;
    }

    private Dictionary<string, T> UniqueById<T>(IEnumerable<T> items, Func<T, string> id, string what)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = id(item);
            RequireId(key, what);
            if (!map.TryAdd(key, item))
            {
                problems.Add($"{what} ID '{key}' is used more than once.");
            }
        }

        return map;
    }

    private void RequireId(string id, string what)
    {
        if (!IdPattern().IsMatch(id))
        {
            problems.Add($"{what} ID '{id}' must be lower-case words joined by '.' or '_'.");
        }
    }

    private void RequireText(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"{what} is empty.");
        }
    }

    [GeneratedRegex(@"^[a-z0-9]+([._][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d+\.\d+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"\b(they|them|their|theirs|themself)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TheyWords();

    [GeneratedRegex(@"\b(you|your|yours|yourself)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex YouWords();

    [GeneratedRegex(@"\b(both|each other|two of you)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BothWords();
}
