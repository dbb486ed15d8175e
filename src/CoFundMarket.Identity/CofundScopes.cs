namespace CoFundMarket.Identity;

/// <summary>The values of the space-separated <c>scope</c> claim that partners need.</summary>
public static class CofundScopes
{
    /// <summary>Create and withdraw pledges for the organisation bound to the token.</summary>
    public const string PledgesWrite = "pledges.write";

    /// <summary>Follow the marketplace event feed (WatchEvents).</summary>
    public const string EventsRead = "events.read";

    /// <summary>Read the pledges of the organisation bound to the token.</summary>
    public const string PledgesRead = "pledges.read";

    /// <summary>Read projects.</summary>
    public const string ProjectsRead = "projects.read";
}
