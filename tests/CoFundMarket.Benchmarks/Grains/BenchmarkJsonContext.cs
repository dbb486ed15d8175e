using System.Text.Json.Serialization;

namespace CoFundMarket.Benchmarks.Grains;

/// <summary>Source-generated JSON for the benchmark states, as production hosts register theirs.</summary>
[JsonSerializable(typeof(CounterState))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
