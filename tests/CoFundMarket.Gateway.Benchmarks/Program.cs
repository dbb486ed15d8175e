// Gateway benchmarks (issue 4), in one run on one machine: GetProject through h2load against a bare Kestrel endpoint,
// the real gateway and a grpc-js server; then CreatePledge with durable commits through the project's own client.
// Targets and results: tests/CoFundMarket.Benchmarks/README.md, "Gateway (issue 4)".
//   dotnet run -c Release --project tests/CoFundMarket.Gateway.Benchmarks [-- requests connections streams rounds pledge-seconds]
using System.Globalization;
using CoFundMarket.EndToEnd.Tests.Fixtures;
using CoFundMarket.Gateway.Benchmarks;
using CoFundMarket.Identity;
using CoFundMarket.Rpc.Client;
using CoFundMarket.Runtime.Testing;

var settings = Settings.From(args);
var loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gateway benchmarks {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average at start {loadAverage}"));
Console.WriteLine($"h2load -n {settings.Requests} -c {settings.Connections} -m {settings.Streams} -t 1, {settings.Rounds} rounds; CreatePledge {settings.Connections * settings.Streams} callers for {settings.PledgeSeconds} s");
if (typeof(Paths).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false) is [System.Diagnostics.DebuggableAttribute { IsJITOptimizerDisabled: true }])
{
    Console.Error.WriteLine("warning: this is a Debug build (and so is the gateway it starts); its numbers mean nothing. Run with -c Release.");
}

await InstallNodePeersAsync();
using var directory = new TemporaryDirectory();
await using var gateway = await GatewayProcess.StartAsync(Paths.GatewayDll, directory.Path, TimeSpan.FromSeconds(120));
using var channel = new RpcChannel(gateway.Grpc);
var api = new Api(channel, new TokenIssuer(EmbeddedSigningKey.Load(gateway.DataDirectory)));

var reads = await GetProjectComparison.RunAsync(gateway, api, "demo-dosing-reference", settings, directory.Path);
var pledges = await PledgeLoad.RunAsync(api, gateway.Grpc, settings);

Console.WriteLine();
Console.WriteLine($"{"GetProject",-28} {"req/s (mean)",13} {"req/s (each round)",-28} {"p50 ms",7} {"p99 ms",7} {"max ms",7} {"failed",7}");
foreach (var (name, runs) in new[] { ("(a) bare Kestrel, fixed", reads.Bare), ("(b) gateway, with token", reads.Gateway), ("(c) grpc-js, from memory", reads.Node) })
{
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-28} {runs.Average(r => r.RequestsPerSecond),13:F0} {string.Join(" / ", runs.Select(r => r.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture))),-28} {runs.Average(r => r.P50Ms),7:F2} {runs.Average(r => r.P99Ms),7:F2} {runs.Max(r => r.MaxMs),7:F1} {runs.Sum(r => r.Failed),7}"));
}

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"(d) CreatePledge, durable: {pledges.PledgesPerSecond:F0} pledges/s over {pledges.Organisations} organisations and {pledges.Projects} projects, p50 {pledges.P50Ms:F2} ms, p99 {pledges.P99Ms:F2} ms, {pledges.Failed} failed{(pledges.FirstFailure is null ? "" : $" (first: {pledges.FirstFailure})")}"));
Console.WriteLine($"invariants after the load: {pledges.Invariants.Violations.Count} violations over {pledges.Invariants.PledgeCount} pledges, {pledges.Invariants.EventCount} events replayed");
Console.WriteLine($"load average at end {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
Console.WriteLine();

var bare = reads.Bare.Average(r => r.RequestsPerSecond);
var served = reads.Gateway.Average(r => r.RequestsPerSecond);
var node = reads.Node.Average(r => r.RequestsPerSecond);
var p99 = reads.Gateway.Average(r => r.P99Ms);
var readsFailed = reads.Bare.Concat(reads.Gateway).Concat(reads.Node).Sum(r => r.Failed) > 0;
Result($"(b) gateway GetProject = {served / bare:P0} of the bare endpoint ({served:F0} vs {bare:F0} req/s)", "≥ 50 %", served >= 0.5 * bare && !readsFailed);
Result($"(b) gateway GetProject p99 = {p99:F2} ms", "≤ 5 ms", p99 <= 5 && !readsFailed);
Result($"(c) gateway GetProject = {served / node:F1}× grpc-js ({served:F0} vs {node:F0} req/s)", "≥ 3×", served >= 3 * node && !readsFailed);
Result($"(d) CreatePledge durable = {pledges.PledgesPerSecond:F0} pledges/s", "≥ 2,500/s", pledges.PledgesPerSecond >= 2_500 && pledges.Failed == 0 && pledges.Invariants.Violations.Count == 0);
return 0;

static void Result(string measured, string target, bool pass) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {measured}; target {target}: {(pass ? "PASS" : "MISS")}"));

// The grpc-js server's packages, pinned by Node/package-lock.json; installed on first use so a re-run needs nothing by hand.
static async Task InstallNodePeersAsync()
{
    if (Directory.Exists(Path.Combine(Paths.NodeDirectory, "node_modules")))
    {
        return;
    }

    Console.WriteLine($"installing the grpc-js server's packages (npm ci in {Paths.NodeDirectory})");
    using var npm = RunningProcess.Start("npm", ["ci", "--no-audit", "--no-fund"], Paths.NodeDirectory);
    if (await npm.WaitForExitAsync(TimeSpan.FromMinutes(5)) != 0)
    {
        throw new InvalidOperationException($"npm ci failed:\n{npm.Output}\n{npm.Error}");
    }
}
