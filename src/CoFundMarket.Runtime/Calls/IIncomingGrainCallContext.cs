using System.Reflection;
using CoFundMarket.Runtime.Identity;

namespace CoFundMarket.Runtime.Calls;

/// <summary>One incoming call as a filter sees it.</summary>
public interface IIncomingGrainCallContext
{
    /// <summary>The grain being called.</summary>
    GrainId TargetId { get; }

    /// <summary>The grain instance being called.</summary>
    object Grain { get; }

    /// <summary>The interface method being called.</summary>
    MethodInfo InterfaceMethod { get; }

    /// <summary>The call's arguments (read-only by convention: they are immutable values).</summary>
    IReadOnlyList<object?> Arguments { get; }

    /// <summary>The result, once <see cref="Invoke"/> completed; a filter may replace it.</summary>
    object? Result { get; set; }

    /// <summary>Runs the next filter, or the grain method after the last one.</summary>
    Task Invoke();
}
