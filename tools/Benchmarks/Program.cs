using BenchmarkDotNet.Running;

// Micro-benchmarks (BenchmarkDotNet). Run: dotnet run -c Release --project tools/Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PokerTracker.Tools.Benchmarks.TiltBenchmarks).Assembly).Run(args);
