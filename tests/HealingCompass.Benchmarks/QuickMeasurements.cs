using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace HealingCompass.Benchmarks;

/// <summary>
/// Medians with a stopwatch, for the figures in ADR 7 and docs/security.md: guesses per second per core
/// for each offline target, and the time the real app takes to answer a sign-in or recovery for a real
/// username against an unknown one (in process, its own SQLite file, the app's default Argon2id settings).
/// </summary>
internal static partial class QuickMeasurements
{
    private const int Runs = 15;

    public static void OfflineGuesses()
    {
        var targets = new OfflineTargets();
        Console.WriteLine("| Offline target (one wrong guess, one thread) | Median | Guesses/s per core |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var (name, guess) in targets.All)
        {
            var ms = Median(guess);
            Console.WriteLine($"| {name} | {ms:F0} ms | {1000 / ms:F1} |");
        }
    }

    public static async Task SignInTimingAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"healingcompass-bench-{Guid.NewGuid():N}");
        try
        {
            using var factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(b =>
            {
                b.UseSolutionRelativeContentRoot("src/HealingCompass.Web");
                b.UseEnvironment("Development");
                // Its own data folder (database and key ring), removed afterwards.
                b.UseSetting("Storage:DataDirectory", dataDirectory);
                b.UseSetting("Accounts:AttemptsPerMinute", "1000000");
                b.UseSetting("Accounts:AttemptsPerAddressPerMinute", "1000000");
                b.UseSetting("Accounts:MaxFailedSignIns", "1000000");
                b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
                b.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
                b.UseSetting("Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware", "Warning");
            });
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            const string password = "lanterns drift over the quiet harbour";
            await PostAsync(client, "/account/register", "register", new()
            {
                ["Input.UserName"] = "bench.known",
                ["Input.Password"] = password,
                ["Input.ConfirmPassword"] = password,
                ["Input.UnderstandsRecovery"] = "true",
            });
            using var other = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var key = "0000-0000-0000-0000-0000-0000-0000-0000";
            var rows = new (string Name, Func<Task> Attempt)[]
            {
                ("Sign-in, real username, wrong password", () => PostAsync(other, "/account/login", "sign-in", SignIn("bench.known"))),
                ("Sign-in, unknown username", () => PostAsync(other, "/account/login", "sign-in", SignIn("bench.nobody"))),
                ("Recovery, real username, wrong key", () => PostAsync(other, "/account/recover", "recover", Recover("bench.known", key))),
                ("Recovery, unknown username", () => PostAsync(other, "/account/recover", "recover", Recover("bench.nobody", key))),
            };
            // Every row warmed up first, then the rows taken in turn within each run, so neither JIT warm-up
            // nor a burst of load elsewhere on the machine favours the rows measured first.
            foreach (var (_, attempt) in rows)
            {
                await attempt();
                await attempt();
            }
            var times = rows.Select(_ => new List<double>()).ToArray();
            for (var i = 0; i < Runs; i++)
            {
                for (var row = 0; row < rows.Length; row++)
                {
                    var timer = Stopwatch.StartNew();
                    await rows[row].Attempt();
                    times[row].Add(timer.Elapsed.TotalMilliseconds);
                }
            }
            Console.WriteLine("| Request (GET form + POST, in process) | Median |");
            Console.WriteLine("| --- | ---: |");
            for (var row = 0; row < rows.Length; row++)
            {
                times[row].Sort();
                Console.WriteLine($"| {rows[row].Name} | {times[row][Runs / 2]:F0} ms |");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }

        static Dictionary<string, string> SignIn(string userName) => new()
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = "not the password at all",
        };

        static Dictionary<string, string> Recover(string userName, string key) => new()
        {
            ["Input.UserName"] = userName,
            ["Input.RecoveryKey"] = key,
            ["Input.NewPassword"] = "tea gets cold while the snow falls",
            ["Input.ConfirmPassword"] = "tea gets cold while the snow falls",
        };
    }

    private static async Task PostAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        using var get = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await get.Content.ReadAsStringAsync();
        var cookie = get.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set.Select(c => c.Split(';')[0])) : null;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        fields["_handler"] = handler;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        using var response = await client.SendAsync(request);
        if ((int)response.StatusCode >= 400)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}.");
        }
    }

    private static double Median(Action guess)
    {
        guess();
        var times = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var timer = Stopwatch.StartNew();
            guess();
            times[i] = timer.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[Runs / 2];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
