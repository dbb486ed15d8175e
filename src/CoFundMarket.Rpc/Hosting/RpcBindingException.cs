namespace CoFundMarket.Rpc.Hosting;

/// <summary>
/// A service implementation does not fit its proto service: an RPC has no handler, or a handler's signature
/// does not match. Thrown at start-up (by <see cref="RpcServerBuilder.AddService{TService}"/>), listing every problem.
/// </summary>
public sealed class RpcBindingException : InvalidOperationException
{
    /// <summary>An exception listing the problems found.</summary>
    public RpcBindingException(string serviceName, Type implementationType, IReadOnlyList<string> problems)
        : base($"{implementationType.FullName} cannot serve {serviceName}:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", problems)}")
    {
        ServiceName = serviceName;
        ImplementationType = implementationType;
        Problems = problems;
    }

    /// <summary>The proto service's full name.</summary>
    public string ServiceName { get; }

    /// <summary>The class that was bound.</summary>
    public Type ImplementationType { get; }

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; }
}
