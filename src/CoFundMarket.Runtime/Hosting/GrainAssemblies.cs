using System.Reflection;

namespace CoFundMarket.Runtime.Hosting;

/// <summary>The assemblies whose grain classes and interfaces the silo serves.</summary>
public sealed class GrainAssemblies
{
    /// <summary>The registered assemblies.</summary>
    public ISet<Assembly> Assemblies { get; } = new HashSet<Assembly>();
}
