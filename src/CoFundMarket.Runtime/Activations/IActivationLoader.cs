namespace CoFundMarket.Runtime.Activations;

/// <summary>Something an activation loads before <c>OnActivateAsync</c> runs: a persistent state or a journal.</summary>
internal interface IActivationLoader
{
    Task LoadAsync(CancellationToken cancellationToken);
}
