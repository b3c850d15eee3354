using System.Globalization;

namespace HealingCompass.LoadRun;

/// <summary>Command-line options; see README.md.</summary>
internal sealed record RunOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/HealingCompass.LoadRun -- [options]
          --tabs N              headless tabs (= circuits) per scenario (default 40)
          --repeats N           measurements per scenario (default 3)
          --idle SECONDS        idle time between "all interactive" and the heap reading (default 3)
          --concurrency N       tabs loading at once (default 8)
          --no-extras           skip the diagnostic scenarios (welcome page, Get support)
          --hold SECONDS        after each heap reading, wait this long (to take a dotnet-gcdump)
          --in-process-browser  run Playwright in this process instead of a child process
          --write PATH          replace the section between the loadrun markers in PATH (e.g. docs/performance.md)
        """;

    public int Tabs { get; init; } = 40;

    public int Repeats { get; init; } = 3;

    public int IdleSeconds { get; init; } = 3;

    public int Concurrency { get; init; } = 8;

    public int HoldSeconds { get; init; }

    public bool Extras { get; init; } = true;

    public bool InProcessBrowser { get; init; }

    public string? WritePath { get; init; }

    /// <summary>Parses the arguments; null (after printing why) when they are not understood.</summary>
    public static RunOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new RunOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Count(int min) => int.Parse(Value(), CultureInfo.InvariantCulture) is var n && n >= min
                ? n
                : throw new ArgumentException($"{name} must be at least {min}.");
            try
            {
                options = name switch
                {
                    "--tabs" => options with { Tabs = Count(1) },
                    "--repeats" => options with { Repeats = Count(1) },
                    "--idle" => options with { IdleSeconds = Count(0) },
                    "--concurrency" => options with { Concurrency = Count(1) },
                    "--hold" => options with { HoldSeconds = Count(0) },
                    "--no-extras" => options with { Extras = false },
                    "--in-process-browser" => options with { InProcessBrowser = true },
                    "--write" => options with { WritePath = Value() },
                    _ => throw new ArgumentException($"Unknown option {name}."),
                };
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine(exception.Message);
                Console.Error.WriteLine(Usage);
                return null;
            }
        }
        return options;
    }
}
