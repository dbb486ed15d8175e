using System.Net;
using System.Net.Sockets;
using CoFundMarket.Gateway.Hosting;
using CoFundMarket.Rpc.Client;
using CoFundMarket.Runtime.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Web.Tests.Fixtures;

/// <summary>
/// The real gateway as <c>dotnet run</c> starts it, on the embedded default (SQLite in a fresh temporary directory, the
/// NHS organisations and the demo projects seeded, the embedded signing key), on two free loopback ports: native gRPC
/// (h2c) for the tests' own set-up calls, and HTTP/1.1 for the browser (the app, gRPC-Web, the demo door).
/// </summary>
public class WebGateway : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new();
    private WebApplication? _app;
    private TokenIssuer? _issuer;

    /// <summary>The HTTP/1.1 address the browser opens, e.g. http://127.0.0.1:41234.</summary>
    public Uri WebAddress { get; private set; } = null!;

    /// <summary>A native gRPC channel for setting up scenarios through the API.</summary>
    public RpcChannel Channel { get; private set; } = null!;

    /// <summary>Configuration a derived fixture adds (a configured identity provider, say).</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings() => [];

    public async Task InitializeAsync()
    {
        var (grpcPort, webPort) = (FreePort(), FreePort());
        (string Key, string Value)[] defaults =
        [
            ("Storage:Provider", "Sqlite"),
            ("Storage:ConnectionString", _data.File("cofund.db")),
            ("Kestrel:Endpoints:Grpc:Url", $"http://127.0.0.1:{grpcPort}"),
            ("Kestrel:Endpoints:Grpc:Protocols", "Http2"),
            ("Kestrel:Endpoints:Web:Url", $"http://127.0.0.1:{webPort}"),
            ("Kestrel:Endpoints:Web:Protocols", "Http1"),
        ];
        _app = GatewayApplication.Build([.. defaults.Concat(Settings()).Select(s => $"--{s.Key}={s.Value}")], builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await _app.StartAsync();
        WebAddress = new Uri($"http://127.0.0.1:{webPort}");
        Channel = RpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }

    /// <summary>A token for set-up calls, signed with the embedded default's key.</summary>
    public string Token(string role, string? organisation = null) =>
        (_issuer ??= new TokenIssuer(EmbeddedSigningKey.Load(_data.Path)))
            .Mint(new TokenRequest($"test-{role}-{organisation}", "Test set-up", [role], organisation, [], TimeSpan.FromHours(1)), DateTimeOffset.UtcNow);

    /// <summary>Calls the API natively with a token for <paramref name="role"/> (at <paramref name="organisation"/>).</summary>
    public async Task<TResponse> Call<TRequest, TResponse>(CoFundMarket.Rpc.RpcMethod<TRequest, TResponse> method, TRequest request, string role, string? organisation = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        await Channel.UnaryCall(method, request, GatewayServer.Options(Token(role, organisation)).WithTimeout(TimeSpan.FromSeconds(30))).ResponseAsync;

    // The port is free when asked; Kestrel binds it a moment later. Two ports are needed before start (Kestrel's own
    // port 0 would not say which address is which protocol).
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The gateway with a real identity provider configured (an HS256 key): no embedded key, so no demo door.</summary>
public sealed class ConfiguredIdentityGateway : WebGateway
{
    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [("Auth:SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)))];
}
