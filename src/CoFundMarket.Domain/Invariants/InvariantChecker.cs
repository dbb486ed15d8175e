using System.Text.Json;
using CoFundMarket.Domain.Common;
using CoFundMarket.Domain.Organisations;
using CoFundMarket.Domain.Pledges;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Journal;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Domain.Invariants;

/// <summary>
/// Recomputes every invariant of DOMAIN.md from storage alone (not from live grains), and reports
/// each violation with where it is and what differs:
/// budgets within ceilings; each project's pledged total equals its pledges; money held by
/// organisations equals money pledged to projects; every reservation matches its pledge; each
/// grain's journal replays to its stored snapshot, with one event per version; adaptations and their
/// originals name each other; and, once the system
/// is quiet, no saga or settlement left unfinished.
/// </summary>
public sealed class InvariantChecker(IGrainStorage storage, JsonSerializerOptions jsonOptions)
{
    /// <summary>Runs every check. With <paramref name="expectSettled"/>, a pledge still PENDING or a project
    /// still settling is a violation (use it when no request is in flight).</summary>
    public async Task<InvariantReport> CheckAsync(bool expectSettled = true, CancellationToken cancellationToken = default)
    {
        var violations = new List<InvariantViolation>();
        var organisations = await LoadAsync<OrganisationState, OrganisationEvent>("organisation", violations, cancellationToken);
        var projects = await LoadAsync<ProjectState, ProjectEvent>("project", violations, cancellationToken);
        var pledges = await LoadAsync<PledgeState, PledgeEvent>("pledge", violations, cancellationToken);

        CheckBudgets(organisations.States, violations);
        CheckProjectTotals(projects.States, pledges.States, violations);
        CheckReservations(organisations.States, pledges.States, violations);
        CheckConservation(organisations.States, projects.States, violations);
        CheckLineage(projects.States, violations);
        if (expectSettled)
        {
            CheckSettled(projects.States, pledges.States, violations);
        }

        return new InvariantReport(violations, organisations.States.Count, projects.States.Count, pledges.States.Count,
            organisations.Events + projects.Events + pledges.Events);
    }

    private static void CheckBudgets(Dictionary<string, OrganisationState> organisations, List<InvariantViolation> violations)
    {
        foreach (var (code, organisation) in organisations)
        {
            var years = organisation.Ceilings.Keys.Concat(organisation.Reservations.Values.Select(r => r.FinancialYear)).Distinct(StringComparer.Ordinal);
            foreach (var year in years)
            {
                var budget = organisation.Budget(year);
                if (budget.Reserved + budget.Committed > budget.Ceiling)
                {
                    violations.Add(new("BUDGET_WITHIN_CEILING", $"organisation/{code} {year}",
                        $"reserved {budget.Reserved} + committed {budget.Committed} exceeds the ceiling {budget.Ceiling}"));
                }
            }
        }
    }

    private static void CheckProjectTotals(Dictionary<string, ProjectState> projects, Dictionary<string, PledgeState> pledges, List<InvariantViolation> violations)
    {
        var heldByProject = pledges.Values
            .Where(p => p.Status is PledgeStatus.Active or PledgeStatus.Committed)
            .GroupBy(p => p.Terms!.ProjectId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Money.Sum(g.Select(p => p.Terms!.Amount)), StringComparer.Ordinal);
        foreach (var (id, project) in projects)
        {
            var fromPledges = heldByProject.GetValueOrDefault(id, Money.Zero);
            if (fromPledges != project.Pledged)
            {
                violations.Add(new("PROJECT_TOTAL_EQUALS_PLEDGES", $"project/{id}",
                    $"the project's pledged total is {project.Pledged} but its ACTIVE and COMMITTED pledges add up to {fromPledges}"));
            }

            if (project.Details is { } details && project.Pledged > details.Cap)
            {
                violations.Add(new("PROJECT_WITHIN_CAP", $"project/{id}", $"pledged {project.Pledged} exceeds the cap {details.Cap}"));
            }

            foreach (var (pledgeId, recorded) in project.Pledges)
            {
                var pledge = pledges.GetValueOrDefault(pledgeId);
                var expected = recorded.Status switch
                {
                    ProjectPledgeStatus.Active => PledgeStatus.Active,
                    ProjectPledgeStatus.Committed => PledgeStatus.Committed,
                    ProjectPledgeStatus.Released => PledgeStatus.Released,
                    _ => PledgeStatus.Withdrawn,
                };
                if (pledge is null || (pledge.Status != expected && pledge.Status != PledgeStatus.Pending))
                {
                    violations.Add(new("PLEDGE_AGREES_WITH_PROJECT", $"pledge/{pledgeId}",
                        $"project {id} records it as {recorded.Status} but the pledge is {pledge?.Status.ToString() ?? "missing"}"));
                }
            }
        }

        foreach (var (pledgeId, pledge) in pledges)
        {
            if (pledge.Status is PledgeStatus.Active or PledgeStatus.Committed
                && (!projects.TryGetValue(pledge.Terms!.ProjectId, out var project) || !project.Pledges.ContainsKey(pledgeId)))
            {
                violations.Add(new("PLEDGE_AGREES_WITH_PROJECT", $"pledge/{pledgeId}",
                    $"the pledge is {pledge.Status} but project {pledge.Terms!.ProjectId} does not record it"));
            }
        }
    }

    private static void CheckReservations(Dictionary<string, OrganisationState> organisations, Dictionary<string, PledgeState> pledges, List<InvariantViolation> violations)
    {
        foreach (var (code, organisation) in organisations)
        {
            foreach (var (pledgeId, reservation) in organisation.Reservations)
            {
                var pledge = pledges.GetValueOrDefault(pledgeId);
                var expected = reservation.Committed ? PledgeStatus.Committed : PledgeStatus.Active;
                if (pledge is null || (pledge.Status != expected && pledge.Status != PledgeStatus.Pending))
                {
                    violations.Add(new("RESERVATION_MATCHES_PLEDGE", $"organisation/{code} pledge/{pledgeId}",
                        $"the organisation holds {reservation.Amount} as {(reservation.Committed ? "committed" : "reserved")} but the pledge is {pledge?.Status.ToString() ?? "missing"}"));
                }
                else if (pledge.Terms!.Amount != reservation.Amount || pledge.Terms.OrganisationCode != code || pledge.FinancialYear != reservation.FinancialYear)
                {
                    violations.Add(new("RESERVATION_MATCHES_PLEDGE", $"organisation/{code} pledge/{pledgeId}",
                        $"the reservation ({reservation.Amount}, {reservation.FinancialYear}) differs from the pledge ({pledge.Terms.Amount} by {pledge.Terms.OrganisationCode}, {pledge.FinancialYear})"));
                }
            }
        }

        foreach (var (pledgeId, pledge) in pledges.Where(p => p.Value.Status is PledgeStatus.Active or PledgeStatus.Committed))
        {
            var reservation = organisations.GetValueOrDefault(pledge.Terms!.OrganisationCode)?.Reservations.GetValueOrDefault(pledgeId);
            if (reservation is null || reservation.Committed != (pledge.Status == PledgeStatus.Committed))
            {
                violations.Add(new("RESERVATION_MATCHES_PLEDGE", $"pledge/{pledgeId}",
                    $"the pledge is {pledge.Status} but organisation {pledge.Terms.OrganisationCode} holds {(reservation is null ? "nothing" : reservation.Committed ? "a commitment" : "a reservation")} for it"));
            }
        }
    }

    private static void CheckConservation(Dictionary<string, OrganisationState> organisations, Dictionary<string, ProjectState> projects, List<InvariantViolation> violations)
    {
        var heldByOrganisations = Money.Sum(organisations.Values.SelectMany(o => o.Reservations.Values).Select(r => r.Amount));
        var pledgedToProjects = Money.Sum(projects.Values.Select(p => p.Pledged));
        if (heldByOrganisations != pledgedToProjects)
        {
            violations.Add(new("MONEY_CONSERVED", "marketplace",
                $"organisations hold {heldByOrganisations} (reserved + committed) but projects count {pledgedToProjects}"));
        }
    }

    /// <summary>An adaptation names a delivered original that lists it, and every listed adaptation names its original.</summary>
    private static void CheckLineage(Dictionary<string, ProjectState> projects, List<InvariantViolation> violations)
    {
        foreach (var (id, project) in projects)
        {
            if (project.Details?.AdaptedFromProjectId is { } originalId
                && (!projects.TryGetValue(originalId, out var original) || original.Status != ProjectStatus.Delivered || !original.Adaptations.Contains(id)))
            {
                violations.Add(new("LINEAGE_BOTH_WAYS", $"project/{id}", $"it adapts {originalId}, which does not exist, is not delivered, or does not list it"));
            }

            foreach (var adaptationId in project.Adaptations)
            {
                if (!projects.TryGetValue(adaptationId, out var adaptation) || adaptation.Details?.AdaptedFromProjectId != id)
                {
                    violations.Add(new("LINEAGE_BOTH_WAYS", $"project/{id}", $"it lists the adaptation {adaptationId}, which does not exist or adapts something else"));
                }
            }
        }
    }

    private static void CheckSettled(Dictionary<string, ProjectState> projects, Dictionary<string, PledgeState> pledges, List<InvariantViolation> violations)
    {
        foreach (var (id, _) in pledges.Where(p => p.Value.Status == PledgeStatus.Pending))
        {
            violations.Add(new("SAGA_FINISHED", $"pledge/{id}", "the pledge is still PENDING"));
        }

        foreach (var (id, _) in projects.Where(p => p.Value.SettlementPending))
        {
            violations.Add(new("SETTLEMENT_FINISHED", $"project/{id}", "the project has not told every pledge of its funding, expiry or cancellation"));
        }
    }

    /// <summary>Reads every snapshot of a grain type and replays its journal, reporting any difference.</summary>
    private async Task<(Dictionary<string, TState> States, long Events)> LoadAsync<TState, TEvent>(string grainType, List<InvariantViolation> violations, CancellationToken cancellationToken)
        where TState : class, IJournalState<TState, TEvent>
        where TEvent : class
    {
        var states = new Dictionary<string, TState>(StringComparer.Ordinal);
        long events = 0;
        await foreach (var (key, stored) in storage.ScanAsync(grainType, cancellationToken))
        {
            // A journal without a payload either has no snapshot yet (replayed from its first event) or was cleared.
            var cleared = stored.Payload is null && stored.SnapshotVersion == stored.Version;
            if (key.StateName != JournaledGrain<TState, TEvent>.JournalStateName || cleared)
            {
                continue;
            }

            var grain = new GrainId(grainType, key.Grain.Key);
            var snapshot = stored.Payload is null ? null : JsonSerializer.Deserialize<TState>(stored.Payload, jsonOptions)!;
            var journal = await storage.ReadJournalAsync(grain, 0, cancellationToken);
            events += journal.Count;
            try
            {
                // The snapshot may be older than the row's version (commits after it wrote only events):
                // it must equal the replay up to its own version, and the whole journal is the state.
                var (atSnapshot, snapshotVersion) = JournalReplay.Replay<TState, TEvent>(journal.TakeWhile(e => e.Sequence <= stored.SnapshotVersion), jsonOptions);
                var (replayed, version) = JournalReplay.Continue<TState, TEvent>(atSnapshot, snapshotVersion, journal.SkipWhile(e => e.Sequence <= stored.SnapshotVersion), jsonOptions);
                if (version != stored.Version || snapshotVersion != stored.SnapshotVersion)
                {
                    violations.Add(new("ONE_EVENT_PER_CHANGE", grain.ToString(), $"the state row is at version {stored.Version} (snapshot at {stored.SnapshotVersion}) but the journal holds {version} events"));
                }
                else if (snapshot is not null && JsonSerializer.Serialize(atSnapshot, jsonOptions) != JsonSerializer.Serialize(snapshot, jsonOptions))
                {
                    violations.Add(new("REPLAY_EQUALS_STATE", grain.ToString(), "replaying the journal does not rebuild the stored state"));
                }

                states[key.Grain.Key] = replayed;
            }
            catch (Exception e) when (e is InvalidOperationException or Runtime.Persistence.GrainStateFormatException or JsonException)
            {
                violations.Add(new("REPLAY_EQUALS_STATE", grain.ToString(), $"the journal does not replay: {e.Message}"));
                if (snapshot is not null)
                {
                    states[key.Grain.Key] = snapshot;
                }
            }
        }

        return (states, events);
    }
}
