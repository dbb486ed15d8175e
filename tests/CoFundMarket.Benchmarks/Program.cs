// Load programs and micro-benchmarks of the grain runtime, one verb each; README.md holds the targets
// and the latest results. Build and run in Release:
//   dotnet run -c Release --project tests/CoFundMarket.Benchmarks -- <verb> [BenchmarkDotNet arguments]
using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using CoFundMarket.Benchmarks.Loads;
using CoFundMarket.Benchmarks.Micro;

var verbs = new (string Verb, string What, Func<string[], Task> Run)[]
{
    ("calls", "target 1: calls/s and bytes/call, 64 callers on active grains", _ => CallThroughputLoad.RunAsync()),
    ("call-latency", "target 1: BenchmarkDotNet latency and allocation of one call", RunBenchmarkDotNet<GrainCallBenchmark>),
    ("activations", "target 2: activations/s of unseen grains read from SQLite", _ => SqliteActivationLoad.RunAsync()),
    ("memory", "target 3: heap with 100,000 idle activations, then after idle collection", _ => IdleActivationMemoryLoad.RunAsync()),
    ("sqlite-writes", "target 4: durable grain writes/s on SQLite vs one commit per write", _ => SqliteWriteLoad.RunAsync()),
    ("postgres-writes", "target 5: durable grain writes/s on PostgreSQL vs pgbench -N", _ => PostgresWriteLoad.RunAsync()),
    ("pledges-sqlite", "issue 3: pledge sagas/s on SQLite, over 1,000 projects and to one hot project", _ => PledgeLoad.RunSqliteAsync()),
    ("pledges-postgres", "issue 3: pledge sagas/s on PostgreSQL, over 1,000 projects and to one hot project", _ => PledgeLoad.RunPostgresAsync()),
};

var chosen = verbs.FirstOrDefault(v => args.Length > 0 && v.Verb == args[0]);
if (chosen.Run is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/CoFundMarket.Benchmarks -- <verb>");
    foreach (var (verb, what, _) in verbs)
    {
        Console.Error.WriteLine($"  {verb,-16} {what}");
    }

    return 2;
}

if (typeof(Program).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true)
{
    Console.Error.WriteLine("warning: this is a Debug build; its numbers mean nothing. Run with -c Release.");
}

await chosen.Run(args[1..]);
return 0;

static Task RunBenchmarkDotNet<TBenchmark>(string[] arguments)
{
    // Reports go under bin/, not into whatever directory the command was started from.
    var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
    BenchmarkSwitcher.FromTypes([typeof(TBenchmark)]).Run(arguments.Length == 0 ? ["--filter", "*"] : arguments, config);
    return Task.CompletedTask;
}
