using HealingCompass.CrashRun;

namespace HealingCompass.Web.Tests.Storage;

/// <summary>
/// The short version of the crash run (tests/HealingCompass.CrashRun, docs/reliability.md): people sign up on the
/// built app over HTTP, then a writer process calling the journal, file and check-in stores is SIGKILLed at random
/// moments, ten times; after each kill the file is checked as a restart finds it, and afterwards the built app
/// signs everyone in on it.
/// </summary>
public sealed class CrashSafetyTests
{
    [Fact]
    public async Task Every_write_acknowledged_before_a_SIGKILL_is_there_after_restart_with_the_file_and_the_journal_chain_intact()
    {
        var built = BuiltApp.FromBinFolder(AppContext.BaseDirectory);
        Assert.Null(built.Missing());

        var result = await CrashHarness.RunAsync(new CrashOptions(Cycles: 10, People: 1, Seed: 14), built, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(10, result.Cycles);
        Assert.Empty(result.Problems);
        Assert.True(result.JournalEntries > 10, $"only {result.JournalEntries} entries were acknowledged");
        Assert.True(result.Attachments > 0);
        Assert.True(result.CheckIns >= 10);
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.IntegrityFailures);
        Assert.Equal(0, result.ChainBreaks);
        Assert.True(result.AppSignedInAfterwards);
    }
}
