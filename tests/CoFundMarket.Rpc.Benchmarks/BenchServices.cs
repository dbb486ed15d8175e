using Google.Protobuf.WellKnownTypes;

namespace CoFundMarket.Rpc.Benchmarks;

/// <summary>Builds the response per call, as a real handler maps domain state to a message.</summary>
public static class ItemFactory
{
    private static readonly Timestamp s_created = Timestamp.FromDateTime(new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc));

    public static Item Create(string id) => new()
    {
        Id = id,
        Title = "Shared discharge-summary tool",
        Summary = "One open-source discharge-summary generator, funded once and used by every trust in the region.",
        LeadOrganisationCode = "RTE",
        RegionCodes = { "Y60", "Y61" },
        Target = new Money { CurrencyCode = "GBP", MinorUnits = 25_000_000 },
        Pledged = new Money { CurrencyCode = "GBP", MinorUnits = 13_250_000 },
        FunderCount = 7,
        Status = 2,
        CreatedAt = s_created,
        UpdatedAt = s_created,
        Version = 42,
    };
}

/// <summary>The singleton-bound service.</summary>
public sealed class SingletonBenchService
{
    public Task<Item> GetItem(GetItemRequest request, ServerCallContext context) => Task.FromResult(ItemFactory.Create(request.Id));
}

/// <summary>The scoped-bound service.</summary>
public sealed class ScopedBenchService
{
    public Task<Item> GetItem(GetItemRequest request, ServerCallContext context) => Task.FromResult(ItemFactory.Create(request.Id));
}
