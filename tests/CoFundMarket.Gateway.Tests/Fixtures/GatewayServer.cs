using CoFundMarket.Gateway.Hosting;
using CoFundMarket.Identity;
using CoFundMarket.Rpc;
using CoFundMarket.Rpc.Client;
using CoFundMarket.Runtime.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoFundMarket.Gateway.Tests.Fixtures;

/// <summary>
/// The real gateway (Program's wiring) on real Kestrel: h2c on a free loopback port, SQLite in a temporary directory
/// (or a PostgreSQL given by the test), the NHS organisations seeded, no demo data. Clients are the project's own
/// RpcChannel with tokens minted by the embedded default's key (or the configured one). One per test class.
/// </summary>
public class GatewayServer : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new();
    private WebApplication? _app;
    private TokenIssuer? _issuer;
    private string[] _settings = [];

    public Uri Address { get; private set; } = null!;

    public RpcChannel Channel { get; private set; } = null!;

    public LogSink Logs { get; } = new();

    public IServiceProvider Services => _app!.Services;

    public string DataDirectory => _data.Path;

    /// <summary>Extra configuration (key, value) a test class wants, e.g. PostgreSQL storage or a configured signing key.</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings() => [];

    /// <summary>The key tokens are signed with: the embedded default's unless the class configures another.</summary>
    protected virtual byte[] SigningKey => EmbeddedSigningKey.Load(_data.Path).KeyBytes;

    public virtual async Task InitializeAsync()
    {
        (string Key, string Value)[] defaults =
        [
            ("Storage:Provider", "Sqlite"),
            ("Storage:ConnectionString", _data.File("cofund.db")),
            ("Seed:Demo", "false"),
            ("Kestrel:Endpoints:grpc:Url", "http://127.0.0.1:0"),
            ("Kestrel:Endpoints:grpc:Protocols", "Http2"),
            ("Logging:LogLevel:Default", "Information"),
        ];
        _settings = [.. defaults.Concat(Settings()).GroupBy(s => s.Key).Select(g => g.Last()).Select(s => $"--{s.Key}={s.Value}")];
        _app = await StartGatewayAsync();
        var address = AddressOf(_app);
        Address = new Uri(address);
        Channel = RpcChannel.ForAddress(address);
    }

    /// <summary>Starts another gateway over the same storage and key, on a port of its own, as a second instance behind
    /// a load balancer would run; the caller stops it.</summary>
    public async Task<(WebApplication App, RpcChannel Channel)> StartAnotherGatewayAsync()
    {
        var app = await StartGatewayAsync();
        return (app, RpcChannel.ForAddress(AddressOf(app)));
    }

    private async Task<WebApplication> StartGatewayAsync()
    {
        var app = GatewayApplication.Build(_settings, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(Logs);
        });
        await app.StartAsync();
        return app;
    }

    private static string AddressOf(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public virtual async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }

    public string Token(string subject, string[] roles, string? organisation = null, string[]? scopes = null, TimeSpan? lifetime = null) =>
        (_issuer ??= new TokenIssuer(KeyFor(SigningKey))).Mint(new TokenRequest(subject, subject, roles, organisation, scopes ?? [], lifetime ?? TimeSpan.FromHours(1)), DateTimeOffset.UtcNow);

    public string Admin => Token("admin-1", [CofundRoles.Admin]);

    public string Lead(string organisation) => Token($"lead-{organisation}", [CofundRoles.OrgLead], organisation);

    public string Finance(string organisation) => Token($"finance-{organisation}", [CofundRoles.OrgFinance], organisation);

    public Task<TResponse> Call<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, string? token = null, TimeSpan? timeout = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Channel.UnaryCall(method, request, Options(token).WithTimeout(timeout ?? TimeSpan.FromSeconds(30))).ResponseAsync;

    public async Task<RpcException> Fails<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request, string? token = null, TimeSpan? timeout = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        await Assert.ThrowsAsync<RpcException>(() => Call(method, request, token, timeout));

    public static CallOptions Options(string? token) =>
        token is null ? default : new CallOptions { Headers = new Metadata { { "authorization", $"Bearer {token}" } } };

    /// <summary>The key file trick: TokenIssuer takes an EmbeddedSigningKey, so a configured key is written to a directory of its own.</summary>
    private EmbeddedSigningKey KeyFor(byte[] key)
    {
        var directory = Path.Combine(_data.Path, "issuer");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, EmbeddedSigningKey.FileName), Convert.ToBase64String(key));
        return EmbeddedSigningKey.Load(directory);
    }
}
