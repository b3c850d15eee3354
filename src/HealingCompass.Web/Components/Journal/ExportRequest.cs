using System.Globalization;
using HealingCompass.Domain.Journal.Evidence;
using Microsoft.Extensions.Primitives;

namespace HealingCompass.Web.Components.Journal;

public enum ExportFormat
{
    Zip,
    Pdf,
}

/// <summary>
/// What the export form asks for, from the address: <c>format</c> (zip or pdf), <c>range</c> (whole or period) and,
/// for a period, <c>from</c> and <c>to</c> as yyyy-MM-dd. Only these yes/no choices and days are ever in the address,
/// never a search word or anything written.
/// </summary>
public sealed record ExportRequest(ExportFormat Format, ExportPeriod? Period)
{
    /// <summary>The journal page's query value that brings back the export form with a kind note.</summary>
    public const string ProblemQuery = "export";

    public static bool TryParse(IQueryCollection query, out ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(query);
        request = new ExportRequest(ExportFormat.Zip, null);
        ExportFormat format;
        switch (Single(query["format"]))
        {
            case null or "" or "zip":
                format = ExportFormat.Zip;
                break;
            case "pdf":
                format = ExportFormat.Pdf;
                break;
            default:
                return false;
        }
        var range = Single(query["range"]);
        if (range is null or "" or "whole")
        {
            request = new ExportRequest(format, null);
            return true;
        }
        if (range != "period" || !TryDay(Single(query["from"]), out var from) || !TryDay(Single(query["to"]), out var to))
        {
            return false;
        }
        request = new ExportRequest(format, ExportPeriod.Of(from, to));
        return true;
    }

    /// <summary>The address of this export (the period's days only).</summary>
    public string ToPath()
    {
        var format = Format == ExportFormat.Pdf ? "pdf" : "zip";
        if (Period is null)
        {
            return $"{JournalPaths.Export}?format={format}&range=whole";
        }
        return $"{JournalPaths.Export}?format={format}&range=period&from={Day(Period.From)}&to={Day(Period.To)}";
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string? Single(StringValues values) => values.Count > 1 ? "\u0000" : values.ToString();

    private static bool TryDay(string? value, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }
        return false;
    }
}
