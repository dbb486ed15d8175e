using System.Globalization;
using CoFundMarket.Rpc.Benchmarks;
using CoFundMarket.Rpc.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

// Usage: dotnet run -c Release --project tests/CoFundMarket.Rpc.Benchmarks [requests] [connections] [streams] [rounds]
// Serves a bare Kestrel endpoint and the gRPC layer (singleton- and scoped-bound) from one h2c port, then runs
// h2load against each in turn, alternating, after a warm-up, and prints one table (B/req: bytes the server process
// allocated per request, Kestrel included). Needs h2load (nghttp2-client).
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
var streams = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;

var builder = H2cHost.CreateBuilder(out var address);
builder.Services.AddRpc()
    .AddService<SingletonBenchService>(BenchReflection.Descriptor.Services[0], ServiceLifetime.Singleton)
    .AddService<ScopedBenchService>(BenchReflection.Descriptor.Services[1]);

await using var app = builder.Build();
app.MapPost("/bare.Bench/GetItem", BareEndpoint.HandleAsync);
app.MapRpcServices();
await app.StartAsync();

var server = address();
var requestFile = Path.Combine(Path.GetTempPath(), $"bench-request-{Environment.ProcessId}.bin");
await File.WriteAllBytesAsync(requestFile, BareEndpoint.Frame(new GetItemRequest { Id = "p-000001" }));
(string Name, string Path)[] targets =
[
    ("bare Kestrel, fixed response", "/bare.Bench/GetItem"),
    ("Rpc layer, singleton service", "/bench.SingletonBench/GetItem"),
    ("Rpc layer, scoped service", "/bench.ScopedBench/GetItem"),
];

try
{
    Console.WriteLine($"h2load -n {requests} -c {connections} -m {streams} -t 1, {rounds} rounds, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    foreach (var (_, path) in targets)
    {
        await H2Load.RunAsync("warm-up", new Uri(server, path), requestFile, requests / 4, connections, streams);
    }

    var results = targets.ToDictionary(t => t.Name, _ => new List<H2Load.Result>());
    var allocated = targets.ToDictionary(t => t.Name, _ => 0L);
    for (var round = 0; round < rounds; round++)
    {
        foreach (var (name, path) in targets)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            results[name].Add(await H2Load.RunAsync(name, new Uri(server, path), requestFile, requests, connections, streams));
            allocated[name] += GC.GetTotalAllocatedBytes(precise: true) - before;
        }
    }

    var bare = results[targets[0].Name].Average(r => r.RequestsPerSecond);
    Console.WriteLine();
    Console.WriteLine($"{"endpoint",-32} {"req/s (mean)",13} {"req/s (each round)",-30} {"vs bare",8} {"p50 ms",7} {"p99 ms",7} {"max ms",7} {"failed",7} {"B/req",6}");
    foreach (var (name, _) in targets)
    {
        var runs = results[name];
        var mean = runs.Average(r => r.RequestsPerSecond);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-32} {mean,13:F0} {string.Join(" / ", runs.Select(r => r.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture))),-30} {mean / bare,8:P0} {runs.Average(r => r.P50Ms),7:F2} {runs.Average(r => r.P99Ms),7:F2} {runs.Max(r => r.MaxMs),7:F1} {runs.Sum(r => r.Failed),7} {allocated[name] / (double)(rounds * requests),6:F0}"));
    }
}
finally
{
    File.Delete(requestFile);
    await app.StopAsync();
}
