using BenchmarkDotNet.Running;

// Run in Release: dotnet run -c Release --project tests/HealingCompass.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
