using CoFundMarket.Domain.Common;
using CoFundMarket.Runtime.Grains;

namespace CoFundMarket.Domain.Projects;

/// <summary>A co-funded project (keyed by its server-made id): lifecycle, funding rule, delivery and adoptions.</summary>
public interface IProjectGrain : IGrainWithStringKey
{
    /// <summary>Creates the project as a DRAFT. Repeating the same creation returns it; other details under the same id are refused.
    /// An adaptation (<see cref="ProjectDetails.AdaptedFromProjectId"/>) needs a DELIVERED original, which is told of it.</summary>
    Task<ProjectView> Create(ProjectDetails details);

    /// <summary>Replaces the details while DRAFT or SUBMITTED.</summary>
    Task<ProjectView> Update(ProjectDetails details);

    /// <summary>DRAFT → SUBMITTED.</summary>
    Task<ProjectView> Submit();

    /// <summary>SUBMITTED → OPEN (administrators); the deadline must be in the future.</summary>
    Task<ProjectView> Approve();

    /// <summary>DRAFT, SUBMITTED or OPEN → CANCELLED; active pledges are released.</summary>
    Task<ProjectView> Cancel(string reason);

    /// <summary>FUNDED → IN_DELIVERY.</summary>
    Task<ProjectView> StartDelivery();

    /// <summary>IN_DELIVERY → DELIVERED, with the repository URL (https) and licence.</summary>
    Task<ProjectView> MarkDelivered(string repositoryUrl, string licence);

    /// <summary>Records that an organisation adopted the delivered tool (once per organisation).</summary>
    Task<ProjectView> RecordAdoption(string organisationCode, DateOnly adoptedOn, string note);

    /// <summary>Records that another project was proposed as an adaptation of this DELIVERED one; idempotent.
    /// The adaptation's own creation calls it, so the lineage is kept both ways.</summary>
    Task<ProjectView> RecordAdaptation(string adaptationProjectId);

    /// <summary>The project as the marketplace shows it; NOT_FOUND when it does not exist.</summary>
    [ReadOnly]
    Task<ProjectView> Get();

    /// <summary>
    /// Records a pledge (called by the pledge's saga after its budget was reserved). Idempotent by
    /// pledge id: a repeat returns the pledge's standing. Refused with PROJECT_NOT_OPEN,
    /// DEADLINE_PASSED or OVER_CAP. May fund the project; then the answer is Committed or Released.
    /// </summary>
    Task<ProjectPledgeStatus> RecordPledge(string pledgeId, string organisationCode, Money amount, int minOtherFunders);

    /// <summary>Removes a withdrawn pledge while the project is OPEN; idempotent.</summary>
    Task<ProjectPledgeStatus> RemovePledge(string pledgeId);

    /// <summary>The funding deadline a pledge counts against (its financial year); NOT_FOUND when the project does not exist.
    /// Cheap, unlike <see cref="Get"/>, because every pledge asks it.</summary>
    [ReadOnly]
    Task<DateOnly> FundingDeadline();

    /// <summary>The pledge's standing with the project (Unknown when never recorded).</summary>
    [ReadOnly]
    Task<ProjectPledgeStatus> PledgeStatus(string pledgeId);
}
