using CoFundMarket.Domain.Pledges;
using CoFundMarket.Gateway.Api;
using V1 = CoFundMarket.Api.V1;

namespace CoFundMarket.Gateway.Pledges;

/// <summary>Pledges ⇄ messages.</summary>
public static class PledgeMapping
{
    /// <summary>The pledge as a message; <paramref name="counted"/> comes from its project's funding rule.</summary>
    public static V1.Pledge ToApi(this PledgeView view, bool counted) => new()
    {
        Id = view.Id,
        ProjectId = view.Terms.ProjectId,
        OrganisationCode = view.Terms.OrganisationCode,
        Amount = view.Terms.Amount.ToApi(),
        Status = view.Status.ToApi(),
        MinOtherFunders = view.Terms.MinOtherFunders,
        Counted = counted,
        RejectionReason = view.RejectionReason ?? "",
        RejectionMessage = view.RejectionMessage ?? "",
        CreatedAt = view.CreatedAt.ToApi(),
        UpdatedAt = view.UpdatedAt.ToApi(),
        FinancialYear = view.FinancialYear,
    };

    /// <summary>The status as a message enum.</summary>
    public static V1.PledgeStatus ToApi(this PledgeStatus status) => status switch
    {
        PledgeStatus.Pending => V1.PledgeStatus.Pending,
        PledgeStatus.Active => V1.PledgeStatus.Active,
        PledgeStatus.Committed => V1.PledgeStatus.Committed,
        PledgeStatus.Withdrawn => V1.PledgeStatus.Withdrawn,
        PledgeStatus.Released => V1.PledgeStatus.Released,
        PledgeStatus.Rejected => V1.PledgeStatus.Rejected,
        _ => V1.PledgeStatus.Unspecified,
    };

    /// <summary>A status filter from a request.</summary>
    public static PledgeStatus ToDomain(this V1.PledgeStatus status, string field) => CommonMapping.Defined(status, field) switch
    {
        V1.PledgeStatus.Pending => PledgeStatus.Pending,
        V1.PledgeStatus.Active => PledgeStatus.Active,
        V1.PledgeStatus.Committed => PledgeStatus.Committed,
        V1.PledgeStatus.Withdrawn => PledgeStatus.Withdrawn,
        V1.PledgeStatus.Released => PledgeStatus.Released,
        V1.PledgeStatus.Rejected => PledgeStatus.Rejected,
        _ => PledgeStatus.Unspecified,
    };
}
