using CoFundMarket.Identity;
using CoFundMarket.Rpc;
using CoFundMarket.Rpc.Client;
using CoFundMarket.Runtime.Testing;

namespace CoFundMarket.EndToEnd.Tests.Fixtures;

/// <summary>
/// The one gateway every end-to-end test talks to: started once for the whole run on a fresh temporary data directory,
/// stopped (and killed if need be) at the end. Tokens are minted with the key the gateway created in that directory.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    /// <summary>Generous: the first start of a cold gateway JIT-compiles and seeds 242 organisations on a busy 2-core machine.</summary>
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(120);

    private readonly TemporaryDirectory _directory = new();
    private GatewayProcess? _gateway;
    private TokenIssuer? _issuer;
    private RpcChannel? _channel;

    public GatewayProcess Gateway => _gateway ?? throw new InvalidOperationException("The gateway has not started.");

    /// <summary>The project's own client, for checking what a third-party client did.</summary>
    public RpcChannel Channel => _channel ?? throw new InvalidOperationException("The gateway has not started.");

    public async Task InitializeAsync()
    {
        _gateway = await GatewayProcess.StartAsync(BuiltPrograms.GatewayDll, _directory.Path, s_startTimeout);
        try
        {
            _issuer = new TokenIssuer(EmbeddedSigningKey.Load(_gateway.DataDirectory));
        }
        catch
        {
            // A fixture that fails to initialise may not be disposed: the child must not outlive the run.
            await _gateway.DisposeAsync();
            throw;
        }

        _channel = new RpcChannel(_gateway.Grpc);
    }

    /// <summary>A token the gateway accepts, valid for an hour.</summary>
    public string Token(string role, string? organisation = null, params string[] scopes) =>
        (_issuer ?? throw new InvalidOperationException("The gateway has not started."))
            .Mint(new TokenRequest($"e2e-{role}-{organisation ?? "none"}", "End-to-end test", [role], organisation, scopes, TimeSpan.FromHours(1)), DateTimeOffset.UtcNow);

    /// <summary>Call options carrying <paramref name="token"/>.</summary>
    public static CallOptions As(string token) =>
        new CallOptions { Headers = new Metadata { { "authorization", "Bearer " + token } } }.WithTimeout(TimeSpan.FromSeconds(30));

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        _directory.Dispose();
    }
}

/// <summary>Every test class in this collection shares the one <see cref="GatewayFixture"/> (and runs one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
