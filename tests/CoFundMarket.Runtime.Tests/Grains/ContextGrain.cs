using CoFundMarket.Runtime.Context;
using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Runtime.Tests.Grains;

public interface IContextGrain : IGrainWithStringKey
{
    /// <summary>Returns what this request sees under <paramref name="key"/>.</summary>
    Task<string?> Read(string key);

    /// <summary>Sets a value, then asks <paramref name="next"/> what it sees; returns that.</summary>
    Task<string?> SetThenAsk(string key, string value, string next);

    /// <summary>Asks <paramref name="next"/> to set a value, then returns what this request still sees.</summary>
    Task<string?> AskToSetThenRead(string key, string next);
}

[GrainType("context")]
public sealed class ContextGrain : Grain, IContextGrain
{
    public Task<string?> Read(string key) => Task.FromResult(RequestContext.Get(key) as string);

    public async Task<string?> SetThenAsk(string key, string value, string next)
    {
        RequestContext.Set(key, value);
        await Task.Yield();
        return await GrainFactory.GetGrain<IContextGrain>(next).Read(key);
    }

    public async Task<string?> AskToSetThenRead(string key, string next)
    {
        await GrainFactory.GetGrain<IContextGrain>(next).SetThenAsk(key, "set-by-callee", GetPrimaryKeyString() + "-leaf");
        return RequestContext.Get(key) as string;
    }
}
