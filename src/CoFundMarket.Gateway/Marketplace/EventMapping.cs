using CoFundMarket.Gateway.Api;
using CoFundMarket.Runtime.Storage;
using V1 = CoFundMarket.Api.V1;

namespace CoFundMarket.Gateway.Marketplace;

/// <summary>Committed events ⇄ messages.</summary>
public static class EventMapping
{
    private const string SystemRole = "system";

    /// <summary>The event as a message; the marketplace's own actions (sagas, deadlines, seeding) have no actor.</summary>
    public static V1.Event ToApi(this StoredEvent stored)
    {
        var byMarketplace = stored.Actor.Role == SystemRole;
        return new V1.Event
        {
            Position = stored.Position,
            EntityType = stored.Grain.Type,
            EntityId = stored.Grain.Key,
            Sequence = stored.Sequence,
            Type = stored.Type,
            OccurredAt = stored.OccurredAt.ToApi(),
            ActorId = byMarketplace ? "" : stored.Actor.UserId ?? "",
            ActorOrganisationCode = byMarketplace ? "" : stored.Actor.OrganisationCode ?? "",
            ActorRole = byMarketplace ? "" : stored.Actor.Role ?? "",
            CorrelationId = stored.CorrelationId ?? "",
            PayloadJson = stored.Payload,
        };
    }
}
