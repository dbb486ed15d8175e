using System.Collections.Immutable;
using CoFundMarket.Runtime.Calls;
using CoFundMarket.Runtime.Storage;

namespace CoFundMarket.Runtime.Context;

/// <summary>
/// Values that flow with a call down the call chain (the acting user, the correlation id), never back up:
/// a callee works on its own copy, so what it sets is invisible to its caller.
/// Inside a grain the values belong to the request being served; outside grains they are async-local.
/// </summary>
public static class RequestContext
{
    /// <summary>Key of the correlation id.</summary>
    public const string CorrelationIdKey = "correlation-id";

    /// <summary>Key of the acting user's id.</summary>
    public const string ActorUserIdKey = "actor-user";

    /// <summary>Key of the organisation the actor acts for.</summary>
    public const string ActorOrganisationKey = "actor-organisation";

    /// <summary>Key of the role the actor acts in.</summary>
    public const string ActorRoleKey = "actor-role";

    private static readonly AsyncLocal<ImmutableDictionary<string, object>?> s_outsideGrains = new();

    /// <summary>The value under <paramref name="key"/>, or null.</summary>
    public static object? Get(string key) => Current is { } values && values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Sets a value for this request and every call it makes from now on.</summary>
    public static void Set(string key, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Current = (Current ?? ImmutableDictionary<string, object>.Empty).SetItem(key, value);
    }

    /// <summary>Removes a value; true when it was there.</summary>
    public static bool Remove(string key)
    {
        if (Current is not { } values || !values.ContainsKey(key))
        {
            return false;
        }

        Current = values.Remove(key);
        return true;
    }

    /// <summary>Removes every value.</summary>
    public static void Clear() => Current = null;

    /// <summary>The correlation id of the current request, if any.</summary>
    public static string? CorrelationId
    {
        get => Get(CorrelationIdKey) as string;
        set => SetOrRemove(CorrelationIdKey, value);
    }

    /// <summary>The actor recorded on events raised in this request (<see cref="EventActor.System"/> when none).</summary>
    public static EventActor Actor
    {
        get
        {
            var user = Get(ActorUserIdKey) as string;
            var organisation = Get(ActorOrganisationKey) as string;
            var role = Get(ActorRoleKey) as string;
            return user is null && organisation is null && role is null ? EventActor.System : new EventActor(user, organisation, role);
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            SetOrRemove(ActorUserIdKey, value.UserId);
            SetOrRemove(ActorOrganisationKey, value.OrganisationCode);
            SetOrRemove(ActorRoleKey, value.Role);
        }
    }

    /// <summary>The values of the current request: the grain request's own inside a grain turn, async-local outside.</summary>
    internal static ImmutableDictionary<string, object>? Current
    {
        get => SynchronizationContext.Current is GrainRequest request ? request.RequestValues : s_outsideGrains.Value;
        set
        {
            var normalized = value is { Count: 0 } ? null : value;
            if (SynchronizationContext.Current is GrainRequest request)
            {
                request.RequestValues = normalized;
            }
            else
            {
                s_outsideGrains.Value = normalized;
            }
        }
    }

    private static void SetOrRemove(string key, string? value)
    {
        if (value is null)
        {
            Remove(key);
        }
        else
        {
            Set(key, value);
        }
    }
}
