using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Runtime.Tests.Grains;

public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Calls each key of <paramref name="path"/> in turn (each calls the next), then answers.</summary>
    Task<string> Relay(string[] path);

    /// <summary>Like Relay, but the call into this grain may interleave.</summary>
    [AlwaysInterleave]
    Task<string> RelayInterleaving(string[] path);
}

[GrainType("ping")]
public sealed class PingGrain : Grain, IPingGrain
{
    public async Task<string> Relay(string[] path)
    {
        if (path.Length == 0)
        {
            return GetPrimaryKeyString();
        }

        var next = GrainFactory.GetGrain<IPingGrain>(path[0]);
        return GetPrimaryKeyString() + ">" + await next.Relay(path[1..]);
    }

    public async Task<string> RelayInterleaving(string[] path)
    {
        if (path.Length == 0)
        {
            return GetPrimaryKeyString();
        }

        var next = GrainFactory.GetGrain<IPingGrain>(path[0]);
        return GetPrimaryKeyString() + ">" + await next.RelayInterleaving(path[1..]);
    }
}
