using HealingCompass.Domain.Content;
using HealingCompass.Domain.Plans;
using HealingCompass.Domain.Safety;

namespace HealingCompass.Domain.Assessment;

/// <summary>
/// Scores a set of answers: safety level first, then the six factors, then an overall estimate and the
/// tracks on offer. The model is documented in docs/decisions/0003-scoring-and-safety-gating.md. It is a guide for
/// reflection, not a diagnosis or a validated clinical instrument.
/// </summary>
public static class AssessmentScorer
{
    /// <summary>Factor and overall bands; the same cut-offs everywhere so the words stay consistent.</summary>
    internal const int LowBelow = 40;
    internal const int HopefulFrom = 65;

    /// <summary>Fewer scored factors than this and the overall estimate says "not enough answers yet".</summary>
    internal const int MinFactorsForEstimate = 3;

    /// <summary>With danger the estimate is held below the low cut-off: repair is not the question while someone is unsafe.</summary>
    internal const int CapWhenDanger = LowBelow - 1;

    public static AssessmentResult Score(AnswerSet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var catalog = answers.Catalog;
        var signals = SignalSet.From(answers);
        var safety = SafetyEvaluator.Evaluate(answers, signals);
        var factors = ScoreFactors(answers);
        var repairability = EstimateRepairability(catalog, factors, safety, signals);
        var tracks = TrackAdvisor.Advise(catalog, safety, factors, signals);
        return new AssessmentResult(
            catalog.ContentVersion,
            safety,
            factors,
            repairability,
            tracks,
            CouplesCounsellingNotAdvised: safety.AbuseOngoing,
            Reflections(answers),
            signals);
    }

    private static FactorScore[] ScoreFactors(AnswerSet answers)
    {
        var catalog = answers.Catalog;
        var scores = new FactorScore[catalog.Factors.Count];
        for (var f = 0; f < scores.Length; f++)
        {
            var items = catalog.FactorItems[f];
            double sum = 0;
            var answered = 0;
            List<FactorDriver>? drivers = null;
            foreach (var item in items)
            {
                if (answers[item.Ordinal] is not { } value)
                {
                    continue; // unanswered lowers confidence, never the score
                }

                var n = item.Normalise(value.Number);
                sum += n;
                answered++;
                if (n <= 0.25)
                {
                    (drivers ??= new(items.Length)).Add(item.LowDriver!);
                }
                else if (n >= 0.75)
                {
                    (drivers ??= new(items.Length)).Add(item.HighDriver!);
                }
            }

            int? score = answered == 0 ? null : (int)Math.Round(100 * sum / answered, MidpointRounding.AwayFromZero);
            // What pulls a factor down is listed first: it is what the person most needs to see.
            drivers?.Sort(static (a, b) => b.PullsDown.CompareTo(a.PullsDown));
            scores[f] = new FactorScore(catalog.Factors[f], score, answered, items.Length, catalog.Message(Band(score) switch
            {
                RepairabilityBand.Low => MessageIds.FactorLow,
                RepairabilityBand.Mixed => MessageIds.FactorMixed,
                RepairabilityBand.Hopeful => MessageIds.FactorHigh,
                _ => MessageIds.FactorUnscored,
            }), (IReadOnlyList<FactorDriver>?)drivers ?? []);
        }

        return scores;
    }

    private static Repairability EstimateRepairability(ContentCatalog catalog, FactorScore[] factors, SafetyAssessment safety, SignalSet signals)
    {
        double weighted = 0, weights = 0;
        int scored = 0, answered = 0, total = 0;
        foreach (var f in factors)
        {
            answered += f.Answered;
            total += f.Total;
            if (f.Score is { } s)
            {
                weighted += s * f.Factor.Weight;
                weights += f.Factor.Weight;
                scored++;
            }
        }

        var share = total == 0 ? 0 : (double)answered / total;
        var confidence = share >= 0.8 ? Confidence.High : share >= 0.5 ? Confidence.Medium : Confidence.Low;
        int? score = scored >= MinFactorsForEstimate ? (int)Math.Round(weighted / weights, MidpointRounding.AwayFromZero) : null;
        var capped = false;
        if (score is { } raw && safety.IsDanger && raw > CapWhenDanger)
        {
            score = CapWhenDanger;
            capped = true;
        }

        var band = Band(score);
        var explanation = new List<string>(6);

        // With danger, safety frames the estimate first, whatever the raw score: repair is not the question then.
        if (safety.IsDanger)
        {
            explanation.Add(catalog.Message(MessageIds.RepairSafetyFirst));
        }

        explanation.Add(catalog.Message(band switch
        {
            RepairabilityBand.Low => MessageIds.RepairLow,
            RepairabilityBand.Mixed => MessageIds.RepairMixed,
            RepairabilityBand.Hopeful => MessageIds.RepairHopeful,
            _ => MessageIds.RepairUnknown,
        }));

        // "It can change if they change" is hope only for someone still open to the relationship and safe in it;
        // to someone in danger, under control, or who has left, it would read as a reason to wait.
        if (band == RepairabilityBand.Low && !safety.AbuseOngoing && !signals.AlreadyApart)
        {
            explanation.Add(catalog.Message(MessageIds.RepairCanChange));
        }

        if (capped)
        {
            explanation.Add(catalog.Message(MessageIds.RepairCappedBySafety));
        }

        explanation.Add(catalog.Message(confidence switch
        {
            Confidence.High => MessageIds.ConfidenceHigh,
            Confidence.Medium => MessageIds.ConfidenceMedium,
            _ => MessageIds.ConfidenceLow,
        }, answered, total));
        explanation.Add(catalog.Message(MessageIds.RepairNotDiagnosis));
        return new Repairability(score, band, confidence, capped, explanation);
    }

    internal static RepairabilityBand Band(int? score) => score switch
    {
        null => RepairabilityBand.Unknown,
        < LowBelow => RepairabilityBand.Low,
        < HopefulFrom => RepairabilityBand.Mixed,
        _ => RepairabilityBand.Hopeful,
    };

    private static List<Reflection> Reflections(AnswerSet answers)
    {
        var list = new List<Reflection>(6);
        foreach (var q in answers.Catalog.Questions)
        {
            if (answers[q.Ordinal] is not { } v || !q.Id.StartsWith("reflection.", StringComparison.Ordinal))
            {
                continue;
            }

            list.Add(new Reflection(q, q.Kind == QuestionKind.Scale ? PointLabel(q, v.Number) : v.Text ?? string.Empty));
        }

        return list;
    }

    private static string PointLabel(QuestionInfo q, int value)
    {
        foreach (var point in q.Scale!.Points)
        {
            if (point.Value == value)
            {
                return point.Label;
            }
        }

        return string.Empty;
    }
}
