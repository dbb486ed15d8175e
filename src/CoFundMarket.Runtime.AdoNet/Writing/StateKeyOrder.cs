using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.AdoNet.Writing;

/// <summary>Orders state keys by grain type, grain key and state name, ordinally: the order writes take row locks in.</summary>
internal sealed class StateKeyOrder : IComparer<GrainStateKey>
{
    public static StateKeyOrder Instance { get; } = new();

    public int Compare(GrainStateKey x, GrainStateKey y)
    {
        var byType = string.CompareOrdinal(x.Grain.Type, y.Grain.Type);
        if (byType != 0)
        {
            return byType;
        }

        var byKey = string.CompareOrdinal(x.Grain.Key, y.Grain.Key);
        return byKey != 0 ? byKey : string.CompareOrdinal(x.StateName, y.StateName);
    }
}
