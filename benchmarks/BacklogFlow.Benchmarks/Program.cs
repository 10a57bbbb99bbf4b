using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/BacklogFlow.Benchmarks -- --filter '*'` (add `--job short` for a quick pass).
BenchmarkSwitcher.FromAssembly(typeof(BacklogFlow.Benchmarks.DomainFixtures).Assembly).Run(args);
