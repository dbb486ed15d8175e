namespace CoFundMarket.Domain.Pledges;

/// <summary>Turns a pledge's state into what callers see, for read models that fold the pledge's events.</summary>
public static class PledgeViews
{
    /// <summary>The view of the existing pledge <paramref name="id"/>.</summary>
    public static PledgeView Of(string id, PledgeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Exists
            ? new PledgeView(id, state.Terms!, state.FinancialYear!, state.Status, state.RejectionReason, state.RejectionMessage, state.CreatedAt, state.UpdatedAt)
            : throw new ArgumentException($"Pledge {id} was never requested: there is nothing to show.", nameof(state));
    }
}
