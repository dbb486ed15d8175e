using CoFundMarket.Gateway.Errors;
using CoFundMarket.Identity;
using CoFundMarket.Rpc;

namespace CoFundMarket.Gateway.Identity;

/// <summary>
/// Who may do what (DOMAIN.md, "Who does what"; the proto comments). Each rule is checked from the token and the
/// request alone, before any grain is asked, so a caller who is refused learns nothing about whether the target
/// exists. A refusal is PERMISSION_DENIED, and the error filter logs it.
/// </summary>
public static class Access
{
    /// <summary>Whether the caller is org_lead or org_finance of <paramref name="organisationCode"/>.</summary>
    public static bool IsMemberOf(this Caller caller, string? organisationCode) =>
        (caller.HasRole(CofundRoles.OrgLead) || caller.HasRole(CofundRoles.OrgFinance))
        && caller.OrganisationCode is not null
        && string.Equals(caller.OrganisationCode, organisationCode, StringComparison.Ordinal);

    /// <summary>Whether the caller may see a project that is not public yet (DRAFT or SUBMITTED): admin or its lead organisation.</summary>
    public static bool MaySeeUnpublished(this Caller caller, string leadOrganisationCode) =>
        caller.HasRole(CofundRoles.Admin) || caller.IsMemberOf(leadOrganisationCode);

    /// <summary>Admin only.</summary>
    public static Authorised RequireAdmin(ServerCallContext context)
    {
        var caller = context.Caller();
        return caller.HasRole(CofundRoles.Admin)
            ? new Authorised(caller, CofundRoles.Admin)
            : throw Denied(context, "the admin role");
    }

    /// <summary>org_lead or org_finance of <paramref name="organisationCode"/>.</summary>
    public static Authorised RequireMember(ServerCallContext context, string organisationCode)
    {
        var caller = context.Caller();
        return caller.IsMemberOf(organisationCode)
            ? new Authorised(caller, MemberRole(caller))
            : throw Denied(context, $"org_lead or org_finance of {organisationCode}");
    }

    /// <summary>org_lead or org_finance of <paramref name="organisationCode"/>, or admin.</summary>
    public static Authorised RequireMemberOrAdmin(ServerCallContext context, string organisationCode)
    {
        var caller = context.Caller();
        return caller.IsMemberOf(organisationCode) ? new Authorised(caller, MemberRole(caller))
            : caller.HasRole(CofundRoles.Admin) ? new Authorised(caller, CofundRoles.Admin)
            : throw Denied(context, $"org_lead or org_finance of {organisationCode}, or admin");
    }

    /// <summary>org_finance of <paramref name="organisationCode"/>, or admin (budgets).</summary>
    public static Authorised RequireFinanceOrAdmin(ServerCallContext context, string organisationCode)
    {
        var caller = context.Caller();
        return caller.HasRole(CofundRoles.Admin) ? new Authorised(caller, CofundRoles.Admin)
            : caller.HasRole(CofundRoles.OrgFinance) && caller.OrganisationCode == organisationCode ? new Authorised(caller, CofundRoles.OrgFinance)
            : throw Denied(context, $"org_finance of {organisationCode}, or admin");
    }

    /// <summary>Pledging for <paramref name="organisationCode"/>: its org_lead or org_finance, or a partner with pledges.write bound to it.</summary>
    public static Authorised RequirePledger(ServerCallContext context, string organisationCode)
    {
        var caller = context.Caller();
        return caller.IsMemberOf(organisationCode) ? new Authorised(caller, MemberRole(caller))
            : IsBoundPartner(caller, organisationCode, CofundScopes.PledgesWrite) ? new Authorised(caller, CofundRoles.Partner)
            : throw Denied(context, $"org_lead or org_finance of {organisationCode}, or a partner with {CofundScopes.PledgesWrite} bound to it");
    }

    /// <summary>Reading the pledges of <paramref name="organisationCode"/>: its members, a partner with pledges.read bound to it, or admin.</summary>
    public static Authorised RequirePledgeReader(ServerCallContext context, string organisationCode)
    {
        var caller = context.Caller();
        return caller.IsMemberOf(organisationCode) ? new Authorised(caller, MemberRole(caller))
            : IsBoundPartner(caller, organisationCode, CofundScopes.PledgesRead) ? new Authorised(caller, CofundRoles.Partner)
            : caller.HasRole(CofundRoles.Admin) ? new Authorised(caller, CofundRoles.Admin)
            : throw Denied(context, $"org_lead or org_finance of {organisationCode}, a partner with {CofundScopes.PledgesRead} bound to it, or admin");
    }

    /// <summary>The event feed: admin, or a partner with events.read.</summary>
    public static Authorised RequireEventsReader(ServerCallContext context)
    {
        var caller = context.Caller();
        return caller.HasRole(CofundRoles.Admin) ? new Authorised(caller, CofundRoles.Admin)
            : caller.HasRole(CofundRoles.Partner) && caller.HasScope(CofundScopes.EventsRead) ? new Authorised(caller, CofundRoles.Partner)
            : throw Denied(context, $"admin, or a partner with {CofundScopes.EventsRead}");
    }

    /// <summary>
    /// PERMISSION_DENIED for acting on a project or pledge that is not the caller's. The same answer is given whether or
    /// not the target exists, so that a caller without the right learns nothing from it.
    /// </summary>
    public static RpcException NotYours(string kind, string id) =>
        ApiErrors.PermissionDenied($"Your token does not allow this on {kind} {id}: it is not your organisation's, or it does not exist.", "NOT_YOUR_ORGANISATION");

    private static bool IsBoundPartner(Caller caller, string organisationCode, string scope) =>
        caller.HasRole(CofundRoles.Partner) && caller.HasScope(scope) && string.Equals(caller.OrganisationCode, organisationCode, StringComparison.Ordinal);

    private static string MemberRole(Caller caller) => caller.HasRole(CofundRoles.OrgFinance) ? CofundRoles.OrgFinance : CofundRoles.OrgLead;

    private static RpcException Denied(ServerCallContext context, string needs) =>
        context.Caller().IsAnonymous
            ? ApiErrors.Unauthenticated($"{context.Method.Name} needs a bearer token of {needs}.")
            : ApiErrors.PermissionDenied($"{context.Method.Name} needs {needs}; your token does not grant it.");
}

/// <summary>A caller allowed to do something, and the role that allowed it (recorded on the events it causes).</summary>
/// <param name="Caller">The caller.</param>
/// <param name="Role">The role the caller acts in.</param>
public readonly record struct Authorised(Caller Caller, string Role);
