using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Domain.Journal;
using HealingCompass.Web.Accounts;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace HealingCompass.Web.Tests.Reliability;

/// <summary>
/// Every main journey over HTTP with a sentinel in every text field (the username too) and known passwords, with
/// every log level any setting can reach set to Verbose: the captured log holds neither a sentinel nor a password
/// nor the recovery key. The typed-in-the-circuit paths have the same check in the browser journeys (EndToEnd.Tests).
/// Alone, never beside another host: the app's Serilog logs through the static logger, which the last host
/// started in this process owns, so a host started in parallel would take this one's events away from its sink.
/// </summary>
[Collection(nameof(VerboseLogTests))]
public sealed class VerboseLogTests : IDisposable
{
    private const string Sentinel = "sntl7q4x";
    private const string Password = "Sntl7q4x-first passphrase over the bay";
    private const string SecondPassword = "Sntl7q4x-second passphrase under oaks";
    private const string ThirdPassword = "Sntl7q4x-third passphrase past the mill";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly CapturedLog log = new();
    private readonly AccountsApp app;

    public VerboseLogTests()
    {
        app = new AccountsApp(
            new Dictionary<string, string>(StringComparer.Ordinal),
            services => services.AddSingleton<ILogEventSink>(log),
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Serilog:MinimumLevel:Default"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Verbose",
                ["Serilog:MinimumLevel:Override:System"] = "Verbose",
                ["Serilog:MinimumLevel:Override:HealingCompass"] = "Verbose",
                // The console keeps to warnings, so the test's own output stays readable; the captured sink gets everything.
                ["Serilog:WriteTo:0:Args:restrictedToMinimumLevel"] = "Warning",
            });
    }

    [Fact]
    public async Task Every_journey_at_the_most_verbose_level_leaves_no_word_typed_and_no_password_in_the_log()
    {
        var userName = $"{Sentinel}.{Guid.NewGuid():N}"[..40];
        using var client = app.NewClient();
        var registered = await client.RegisterAsync(userName, Password);
        var recoveryKey = registered.TextOf(".hc-recovery-key") ?? throw new InvalidOperationException(registered.ToString());
        var userId = (await app.FindUserAsync(userName))!.Id;

        // Sign out, a wrong password (a sentinel), sign in; lock and unlock; a wrong code for two-step.
        await client.SignOutAsync();
        await client.SignInAsync(userName, Sentinel + "-wrong-password");
        Assert.True((await client.SignInAsync(userName, Password)).IsRedirect);
        app.Services.GetRequiredService<UnlockedKeys>().RemoveAllFor(userId);
        await client.PostFormAsync("/account/unlock", "unlock", new Dictionary<string, string>(StringComparer.Ordinal) { ["Input.Password"] = Password });
        await client.GetAsync("/account/two-step");
        await client.TurnOnTwoStepAsync(Sentinel);

        // The journal, with a sentinel in every text field and a file's name; its exports, the check page, the data export.
        using (var key = (await app.ReadKeyringAsync(userId)).UnlockWithPassword(userId, Password))
        {
            var content = new EntryContent
            {
                WhatHappened = Sentinel + " what happened", WordsSaid = Sentinel + " words", HowItFelt = Sentinel + " felt",
                WhatIDid = Sentinel + " did", Witnesses = Sentinel + " saw", Injuries = Sentinel + " hurt", Report = Sentinel + " report",
                ReportNumber = Sentinel + "-42", Place = Sentinel + " place", OtherEvidence = Sentinel + " evidence", Severity = 3,
            };
            var entry = await app.Services.GetRequiredService<JournalStore>().CreateAsync(userId, key, content, Cancel);
            await app.Services.GetRequiredService<JournalAttachmentStore>().AddAsync(userId, key, entry.EntryId!.Value, Sentinel + ".png", new MemoryStream(Data.Tests.Support.TestFiles.Png()), Cancel);
        }
        var zip = await client.Http.GetByteArrayAsync(new Uri("/journal-export?format=zip", UriKind.Relative), Cancel);
        await client.Http.GetByteArrayAsync(new Uri("/journal-export?format=pdf", UriKind.Relative), Cancel);
        var everything = await client.Http.GetByteArrayAsync(new Uri("/account/export", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(client, "/verify", "verify-export", "export", zip, ("earlier", Sentinel))).Status);

        // Password change, a new recovery key, recovery with the key, and the data brought into a new account.
        await client.ChangePasswordAsync(Password, SecondPassword);
        var newKey = (await client.NewRecoveryKeyAsync(SecondPassword)).TextOf(".hc-recovery-key")
            ?? throw new InvalidOperationException("The password change or the new recovery key did not go through.");
        using var recovering = app.NewClient();
        Assert.NotNull((await recovering.RecoverAsync(userName, newKey, ThirdPassword)).TextOf(".hc-recovery-key"));
        var (importer, _, otherRecoveryKey) = await app.SignUpAsync(Sentinel + "b", ThirdPassword);
        using (importer)
        {
            var imported = await UploadAsync(importer, "/import", "import-export", "archive", everything);
            Assert.Equal(HttpStatusCode.OK, imported.Status);
            // On the same server the journal is already there, so the import reads and checks it all, then refuses kindly.
            Assert.Contains("already on this server", imported.Text, StringComparison.Ordinal);
        }

        var captured = log.Text;
        Assert.Contains("/account/login", captured, StringComparison.Ordinal); // the log is really being written, verbosely
        Assert.Contains("VRB", captured, StringComparison.Ordinal);
        foreach (var secret in new[] { Sentinel, Password, SecondPassword, ThirdPassword, recoveryKey, newKey, otherRecoveryKey, recoveryKey.Replace("-", "", StringComparison.Ordinal) })
        {
            Assert.DoesNotContain(secret, captured, StringComparison.OrdinalIgnoreCase);
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"Captured {log.Count:N0} log events ({captured.Length:N0} characters) at Verbose.");
    }

    private static async Task<PageResponse> UploadAsync(AccountFormClient client, string page, string handler, string fileField, byte[] bytes, params (string Name, string Value)[] fields)
    {
        var form = (await client.GetFormAsync(page)).Forms.Single(f => f.Hidden.TryGetValue(AccountFormClient.HandlerField, out var h) && h == handler);
        using var body = new MultipartFormDataContent();
        foreach (var (name, value) in form.Hidden)
        {
            body.Add(new StringContent(value), name);
        }
        foreach (var (name, value) in fields)
        {
            body.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        body.Add(file, fileField, Sentinel + ".zip");
        using var response = await client.Http.PostAsync(new Uri(page, UriKind.Relative), body, Cancel);
        return await PageResponse.ReadAsync(response);
    }

    public void Dispose() => app.Dispose();

    /// <summary>Every event the app logs, as a sink would write it: level, source, message, properties and exception.</summary>
    private sealed class CapturedLog : ILogEventSink
    {
        private readonly ConcurrentQueue<string> lines = new();

        public int Count => lines.Count;

        public string Text => string.Join('\n', lines);

        public void Emit(LogEvent logEvent)
        {
            using var properties = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (name, value) in logEvent.Properties)
            {
                properties.Write($" {name}=");
                value.Render(properties, null, System.Globalization.CultureInfo.InvariantCulture);
            }
            var level = logEvent.Level switch { LogEventLevel.Verbose => "VRB", LogEventLevel.Debug => "DBG", _ => logEvent.Level.ToString() };
            lines.Enqueue($"{level} {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}{properties} {logEvent.Exception}");
        }
    }
}

/// <summary>Runs <see cref="VerboseLogTests"/> with no other test class beside it.</summary>
[CollectionDefinition(nameof(VerboseLogTests), DisableParallelization = true)]
public sealed class VerboseLogRunsAlone;
