using BenchmarkDotNet.Running;

namespace HealingCompass.Benchmarks;

/// <summary>A named class, not top-level statements: the web app's <c>Program</c> is referenced too.</summary>
internal static class BenchmarkProgram
{
    // Run in Release: dotnet run -c Release --project tests/HealingCompass.Benchmarks -- --filter '*'
    // Quick medians for ADR 7: ... -- offline-guesses   and   ... -- sign-in-timing
    // The journal's list and search against their plaintext floors (docs/performance.md): ... -- journal
    // Export everything and import it at a large size (docs/performance.md): ... -- my-data
    // Journal files: adding, opening, and the export's files part against a read-and-decrypt floor: ... -- attachments
    // The journal export (JSON + PDF + streamed ZIP) against reading and decrypting the same data: ... -- export
    public static async Task Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "offline-guesses":
                QuickMeasurements.OfflineGuesses();
                break;
            case "journal":
                await JournalMeasurements.RunAsync();
                break;
            case "my-data":
                await MyDataMeasurements.RunAsync();
                break;
            case "attachments":
                await AttachmentMeasurements.RunAsync();
                break;
            case "export":
                await ExportMeasurements.RunAsync();
                break;
            case "sign-in-timing":
                await QuickMeasurements.SignInTimingAsync();
                break;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
                break;
        }
    }
}
