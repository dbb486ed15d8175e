using System.Net;
using System.Text.RegularExpressions;

namespace CoFundMarket.EndToEnd.Tests.Fixtures;

/// <summary>
/// The real gateway (<c>dotnet CoFundMarket.Gateway.dll</c>) as a child process on the embedded default, in a working
/// directory of its own (so <c>./data</c> — SQLite and the signing key — is fresh), on ports the OS picks. Used by the
/// end-to-end tests and by the gateway benchmarks.
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private GatewayProcess(RunningProcess process, string workingDirectory, Uri grpc, Uri web)
    {
        _process = process;
        WorkingDirectory = workingDirectory;
        Grpc = grpc;
        Web = web;
    }

    /// <summary>Native gRPC over cleartext HTTP/2 (h2c).</summary>
    public Uri Grpc { get; }

    /// <summary>The gateway's process id (the benchmarks read its CPU time).</summary>
    public int ProcessId => _process.Id;

    /// <summary>HTTP/1.1: <c>/health</c> and gRPC-Web.</summary>
    public Uri Web { get; }

    public string WorkingDirectory { get; }

    /// <summary>The embedded default's data directory: SQLite file and <c>signing-key</c>.</summary>
    public string DataDirectory => Path.Combine(WorkingDirectory, "data");

    /// <summary>What the gateway logged so far, for failure messages.</summary>
    public string Log => _process.Output + "\n" + _process.Error;

    /// <summary>The <c>dotnet</c> that runs this process (the SDK sets DOTNET_HOST_PATH for tests and <c>dotnet run</c>).</summary>
    public static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>
    /// Starts the gateway and returns once it listens on both ports and <c>/health</c> answers 200 (the silo runs,
    /// storage answers and the seeding, which runs before Kestrel starts listening, is done).
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(string gatewayDll, string workingDirectory, TimeSpan startTimeout, params string[] extraArguments)
    {
        if (!File.Exists(gatewayDll))
        {
            throw new FileNotFoundException($"The gateway is not built at {gatewayDll}.", gatewayDll);
        }

        // Port 0 on both endpoints: the OS picks free ports, which the gateway then logs ("Now listening on: …").
        string[] arguments =
        [
            gatewayDll,
            "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:0", "--Kestrel:Endpoints:Grpc:Protocols=Http2",
            "--Kestrel:Endpoints:Web:Url=http://127.0.0.1:0", "--Kestrel:Endpoints:Web:Protocols=Http1",
            .. extraArguments,
        ];
        var process = RunningProcess.Start(DotNet, arguments, workingDirectory, new Dictionary<string, string?>
        {
            // Development: server reflection on, as API.md has it for development.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Logging__Console__FormatterName"] = "simple",
        });
        try
        {
            using var deadline = new CancellationTokenSource(startTimeout);
            var first = await process.WaitForOutputLineAsync(l => ListeningLine().IsMatch(l), startTimeout);
            var second = await process.WaitForOutputLineAsync(l => ListeningLine().IsMatch(l) && l != first, startTimeout);
            var addresses = new[] { first, second }.Select(l => new Uri(ListeningLine().Match(l).Groups[1].Value)).ToArray();
            var web = await WaitForHealthAsync(addresses, process, deadline.Token);
            return new GatewayProcess(process, workingDirectory, addresses.Single(a => a != web), web);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Stops the gateway as a service manager would (SIGTERM), and kills it if it does not stop in time.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Terminate();
                await _process.WaitForExitAsync(TimeSpan.FromSeconds(20));
            }
        }
        catch (TimeoutException)
        {
            // WaitForExitAsync killed it.
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>
    /// Polls <c>GET /health</c> over HTTP/1.1 on both addresses until one answers 200, and returns that one: only the
    /// HTTP/1.1 endpoint can (the h2c endpoint refuses HTTP/1.1), which is how the two ports are told apart.
    /// </summary>
    private static async Task<Uri> WaitForHealthAsync(Uri[] addresses, RunningProcess process, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        try
        {
            while (!process.HasExited)
            {
                foreach (var address in addresses)
                {
                    try
                    {
                        using var response = await client.GetAsync(new Uri(address, "/health"), cancellationToken);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            return address;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // The h2c port, or not accepting yet.
                    }
                }

                // Polling with a short pause until the deadline: /health has no way to push readiness.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The gateway's /health did not answer 200 in time.\n{process.Output}\n{process.Error}");
        }

        throw new InvalidOperationException($"The gateway exited while starting.\n{process.Output}\n{process.Error}");
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
