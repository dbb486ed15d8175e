using System.Collections.Immutable;
using CoFundMarket.Domain.Common;

namespace CoFundMarket.Domain.Projects;

/// <summary>Something that happened to a project; its state changes only by these. <c>At</c> is the silo clock.</summary>
public abstract record ProjectEvent(DateTimeOffset At);

/// <summary>A lead organisation drafted the project.</summary>
public sealed record ProjectCreated(DateTimeOffset At, string ProjectId, ProjectDetails Details) : ProjectEvent(At);

/// <summary>The lead edited the draft.</summary>
public sealed record ProjectUpdated(DateTimeOffset At, ProjectDetails Details) : ProjectEvent(At);

/// <summary>The lead asked for approval.</summary>
public sealed record ProjectSubmitted(DateTimeOffset At) : ProjectEvent(At);

/// <summary>An administrator opened it for pledges.</summary>
public sealed record ProjectApproved(DateTimeOffset At) : ProjectEvent(At);

/// <summary>A pledge was recorded against the project.</summary>
public sealed record PledgeRecorded(DateTimeOffset At, string PledgeId, string OrganisationCode, Money Amount, int MinOtherFunders) : ProjectEvent(At);

/// <summary>A pledge was withdrawn while the project was open.</summary>
public sealed record PledgeRemoved(DateTimeOffset At, string PledgeId) : ProjectEvent(At);

/// <summary>The funding rule was met: the counted pledges are committed, the others released.</summary>
public sealed record ProjectFunded(DateTimeOffset At, ImmutableArray<string> CommittedPledgeIds, ImmutableArray<string> ReleasedPledgeIds) : ProjectEvent(At);

/// <summary>The deadline passed unmet; every active pledge is released.</summary>
public sealed record ProjectExpired(DateTimeOffset At, ImmutableArray<string> ReleasedPledgeIds) : ProjectEvent(At);

/// <summary>Stopped before funding; every active pledge is released.</summary>
public sealed record ProjectCancelled(DateTimeOffset At, string Reason, ImmutableArray<string> ReleasedPledgeIds) : ProjectEvent(At);

/// <summary>Every pledge and budget affected by funding, expiry or cancellation was told.</summary>
public sealed record SettlementCompleted(DateTimeOffset At) : ProjectEvent(At);

/// <summary>Building started.</summary>
public sealed record DeliveryStarted(DateTimeOffset At) : ProjectEvent(At);

/// <summary>Built and published.</summary>
public sealed record ProjectDelivered(DateTimeOffset At, string RepositoryUrl, string Licence) : ProjectEvent(At);

/// <summary>An organisation adopted the delivered tool.</summary>
public sealed record AdoptionRecorded(DateTimeOffset At, string OrganisationCode, DateOnly AdoptedOn, string Note) : ProjectEvent(At);

/// <summary>Another project was proposed as an adaptation of this delivered one (the lineage, seen from the original).</summary>
public sealed record AdaptationRecorded(DateTimeOffset At, string AdaptationProjectId) : ProjectEvent(At);
