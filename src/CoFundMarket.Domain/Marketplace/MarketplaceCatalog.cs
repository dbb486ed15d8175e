using System.Text.Json;
using CoFundMarket.Domain.Organisations;
using CoFundMarket.Domain.Pledges;
using CoFundMarket.Domain.Projects;
using CoFundMarket.Runtime.Identity;
using CoFundMarket.Runtime.Journal;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Domain.Marketplace;

/// <summary>
/// The read model behind lists and summaries: the current state of every organisation, project and pledge, kept by
/// folding the committed event feed in position order with the aggregates' own state types (the same
/// <c>Apply</c> the grains use), so there is one way to apply an event. Eventually consistent: it is as current as
/// <see cref="Position"/>; reads of one entity that must be exact go to its grain.
/// One writer (the feed follower) applies events; any number of readers take consistent copies.
/// </summary>
public sealed class MarketplaceCatalog(IGrainStorage storage, JsonSerializerOptions jsonOptions)
{
    /// <summary>The grain type of organisations in the feed.</summary>
    public const string OrganisationType = "organisation";

    /// <summary>The grain type of projects in the feed.</summary>
    public const string ProjectType = "project";

    /// <summary>The grain type of pledges in the feed.</summary>
    public const string PledgeType = "pledge";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Folded<OrganisationState>> _organisations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Folded<ProjectState>> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Folded<PledgeState>> _pledges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrganisationSummary> _organisationViews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectView> _projectViews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PledgeView> _pledgeViews = new(StringComparer.Ordinal);
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    /// <summary>The feed position of the last event folded in: the catalog shows the marketplace as of this position.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>Completes the next time the catalog moves past its current position.</summary>
    public Task Advanced
    {
        get
        {
            lock (_gate)
            {
                return _advanced.Task;
            }
        }
    }

    /// <summary>
    /// Folds a batch of feed events (in position order, after <see cref="Position"/>) into the catalog. An event seen
    /// before is skipped; an entity whose journal shows a gap is rebuilt from its journal in storage.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var stored in events)
        {
            if (stored.Position <= Position)
            {
                continue;
            }

            if (!TryFold(stored))
            {
                var journal = await storage.ReadJournalAsync(stored.Grain, 0, cancellationToken);
                lock (_gate)
                {
                    Rebuild(stored.Grain, journal.Where(e => e.Sequence <= stored.Sequence).ToList());
                }
            }

            Interlocked.Exchange(ref _position, stored.Position);
        }

        TaskCompletionSource advanced;
        lock (_gate)
        {
            advanced = _advanced;
            _advanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        advanced.TrySetResult();
    }

    /// <summary>Every registered organisation.</summary>
    public IReadOnlyList<OrganisationSummary> Organisations()
    {
        lock (_gate)
        {
            return [.. _organisationViews.Values];
        }
    }

    /// <summary>One organisation, or null when the catalog has not seen it registered.</summary>
    public OrganisationSummary? Organisation(string code)
    {
        lock (_gate)
        {
            return _organisationViews.GetValueOrDefault(code);
        }
    }

    /// <summary>Every project, in any status.</summary>
    public IReadOnlyList<ProjectView> Projects()
    {
        lock (_gate)
        {
            return [.. _projects.Where(p => p.Value.State.Exists).Select(p => ViewOf(p.Key, p.Value))];
        }
    }

    /// <summary>One project, or null when the catalog has not seen it created.</summary>
    public ProjectView? Project(string id)
    {
        lock (_gate)
        {
            return _projects.TryGetValue(id, out var folded) && folded.State.Exists ? ViewOf(id, folded) : null;
        }
    }

    // A project's view costs as much as it has pledges (the funding rule runs over them), and a busy project changes
    // with every pledge: build it when someone reads it, once per version, not on every event folded in.
    private ProjectView ViewOf(string id, Folded<ProjectState> folded)
    {
        if (!_projectViews.TryGetValue(id, out var view))
        {
            view = ProjectViews.Of(folded.State, folded.Version);
            _projectViews[id] = view;
        }

        return view;
    }

    /// <summary>The version (number of events) the catalog has folded for a project; 0 when unknown.</summary>
    public long ProjectVersion(string id)
    {
        lock (_gate)
        {
            return _projects.TryGetValue(id, out var folded) ? folded.Version : 0;
        }
    }

    /// <summary>Every pledge, in any status.</summary>
    public IReadOnlyList<PledgeView> Pledges()
    {
        lock (_gate)
        {
            return [.. _pledgeViews.Values];
        }
    }

    private bool TryFold(StoredEvent stored)
    {
        lock (_gate)
        {
            return stored.Grain.Type switch
            {
                OrganisationType => Fold<OrganisationState, OrganisationEvent>(_organisations, stored, OrganisationChanged),
                ProjectType => Fold<ProjectState, ProjectEvent>(_projects, stored, ProjectChanged),
                PledgeType => Fold<PledgeState, PledgeEvent>(_pledges, stored, PledgeChanged),
                _ => true,
            };
        }
    }

    /// <summary>Applies one event to its entity; false when the entity's sequence has a gap (so it must be rebuilt).</summary>
    private bool Fold<TState, TEvent>(Dictionary<string, Folded<TState>> entities, StoredEvent stored, Action<string, Folded<TState>> changed)
        where TState : class, IJournalState<TState, TEvent>
        where TEvent : class
    {
        var key = stored.Grain.Key;
        var current = entities.GetValueOrDefault(key) ?? new Folded<TState>(TState.Initial, 0);
        if (stored.Sequence <= current.Version)
        {
            return true;
        }

        if (stored.Sequence != current.Version + 1)
        {
            return false;
        }

        var next = new Folded<TState>(current.State.Apply(JournalReplay.ReadEvent<TEvent>(stored, jsonOptions)), stored.Sequence);
        entities[key] = next;
        changed(key, next);
        return true;
    }

    private void Rebuild(GrainId grain, IReadOnlyList<StoredEvent> journal)
    {
        switch (grain.Type)
        {
            case OrganisationType:
                Replace<OrganisationState, OrganisationEvent>(_organisations, grain.Key, journal, OrganisationChanged);
                break;
            case ProjectType:
                Replace<ProjectState, ProjectEvent>(_projects, grain.Key, journal, ProjectChanged);
                break;
            case PledgeType:
                Replace<PledgeState, PledgeEvent>(_pledges, grain.Key, journal, PledgeChanged);
                break;
            default:
                break;
        }
    }

    private void Replace<TState, TEvent>(Dictionary<string, Folded<TState>> entities, string key, IReadOnlyList<StoredEvent> journal, Action<string, Folded<TState>> changed)
        where TState : class, IJournalState<TState, TEvent>
        where TEvent : class
    {
        var (state, version) = JournalReplay.Replay<TState, TEvent>(journal, jsonOptions);
        var folded = new Folded<TState>(state, version);
        entities[key] = folded;
        changed(key, folded);
    }

    private void OrganisationChanged(string code, Folded<OrganisationState> folded)
    {
        var state = folded.State;
        if (state.IsRegistered)
        {
            _organisationViews[code] = new OrganisationSummary(state.Code!, state.Name, state.Kind, state.RegionCode, state.IcbCode);
        }
    }

    private void ProjectChanged(string id, Folded<ProjectState> folded) => _projectViews.Remove(id);

    private void PledgeChanged(string id, Folded<PledgeState> folded)
    {
        if (folded.State.Exists)
        {
            _pledgeViews[id] = PledgeViews.Of(id, folded.State);
        }
    }

    private sealed record Folded<TState>(TState State, long Version);
}
