using System.Globalization;
using HealingCompass.Domain.CheckIns;
using Microsoft.Extensions.Primitives;

namespace HealingCompass.Web.Components.CheckIns;

/// <summary>
/// The check-in form's fields, read straight from the post. Anything that is not a number becomes 0, which no
/// scale has, so it is refused with the same kind message as a value off the scale.
/// </summary>
public sealed record CheckInForm(CheckInAnswers Answers, DateOnly? Week, bool WeekUnreadable)
{
    public const string WeekField = "week";
    public const string WeekFeltField = "weekFelt";
    public const string FeltSafeField = "feltSafe";
    public const string KeptField = "kept";
    public const string HeldField = "held";
    public const string NourishedField = "nourished";
    public const string ReachedField = "reached";
    public const string NoteField = "note";
    public const string Who5Field = "who5-";

    public const string WeekFormat = "yyyy-MM-dd";

    public static CheckInForm Read(IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = form.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        string? One(string name) => fields.TryGetValue(name, out var v) ? v.ToString() : null;
        IReadOnlyList<string> Many(string name) => fields.TryGetValue(name, out var v) ? [.. v.OfType<string>()] : [];
        static int Number(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

        int[]? who5 = null;
        var who5Fields = Enumerable.Range(0, Who5Score.ItemCount).Select(i => One(Who5Field + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        if (who5Fields.Any(v => !string.IsNullOrEmpty(v)))
        {
            who5 = [.. who5Fields.Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1)];
        }

        var reached = One(ReachedField);
        var answers = new CheckInAnswers
        {
            WeekFelt = Number(One(WeekFeltField)),
            FeltSafe = Number(One(FeltSafeField)),
            CommitmentsKept = Many(KeptField),
            BoundariesHeld = Many(HeldField),
            Nourished = Blank(One(NourishedField)),
            ReachedSupport = string.IsNullOrEmpty(reached) ? null : Number(reached),
            Note = Blank(One(NoteField)),
            Who5 = who5,
        };

        var weekText = One(WeekField);
        DateOnly? week = null;
        var unreadable = false;
        if (!string.IsNullOrEmpty(weekText))
        {
            if (DateOnly.TryParseExact(weekText, WeekFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var w))
            {
                week = w;
            }
            else
            {
                unreadable = true;
            }
        }
        return new CheckInForm(answers, week, unreadable);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
