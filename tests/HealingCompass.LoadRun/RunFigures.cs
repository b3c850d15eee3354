using System.Globalization;

namespace HealingCompass.LoadRun;

/// <summary>What every load run shares: reading its numeric options, and the nearest-rank percentile its reports use.</summary>
internal static class RunFigures
{
    /// <summary>The number after <paramref name="name"/> in the arguments, or <paramref name="fallback"/> when it is not given.</summary>
    public static double Option(IReadOnlyList<string> args, string name, double fallback)
    {
        var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return value is null ? fallback : double.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>The nearest-rank percentile (<paramref name="q"/> from 0 to 1); NaN when there is nothing to rank.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double q)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
