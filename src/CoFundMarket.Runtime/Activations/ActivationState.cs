namespace CoFundMarket.Runtime.Activations;

/// <summary>The lifecycle of an activation (Orleans: Creating → Activating → Valid → Deactivating → Invalid).</summary>
internal enum ActivationState
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
