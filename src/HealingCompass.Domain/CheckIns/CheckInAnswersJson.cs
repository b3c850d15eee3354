using System.Text.Json;

namespace HealingCompass.Domain.CheckIns;

/// <summary>The stored form of a week's answers (what the data layer encrypts).</summary>
public static class CheckInAnswersJson
{
    public static string Write(CheckInAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return JsonSerializer.Serialize(answers, CheckInJsonContext.Default.CheckInAnswers);
    }

    /// <exception cref="JsonException">Not a check-in.</exception>
    public static CheckInAnswers Read(string json) =>
        JsonSerializer.Deserialize(json, CheckInJsonContext.Default.CheckInAnswers) ?? throw new JsonException("Empty check-in.");
}
