using System.Collections.Frozen;
using CoFundMarket.Domain.Organisations;
using CoFundMarket.Domain.Seeding;
using CoFundMarket.Identity;

namespace CoFundMarket.Gateway.Web;

/// <summary>
/// The demo door of the embedded default: with no identity provider configured (no <c>Auth:SigningKey</c> nor
/// <c>Auth:PublicKeyPem</c>), anyone who can reach the gateway may sign in to the web app as an administrator or as a
/// lead or finance person of a real NHS trust, with a short-lived token signed by the embedded key. When an identity
/// provider is configured there is no embedded key and the door's routes do not exist (404).
/// </summary>
public static class DemoSignIn
{
    /// <summary>Where the door is; never a page of the app, so that a closed door is a 404.</summary>
    public const string PathPrefix = "/demo";

    /// <summary>How long a demo token lasts; the app asks the person to sign in again after it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The roles the door hands out: people, not partner systems.</summary>
    public static readonly IReadOnlyList<string> Roles = [CofundRoles.Admin, CofundRoles.OrgLead, CofundRoles.OrgFinance];

    // The seeded NHS trusts, by ODS code: an organisation role is only handed out for one of them.
    private static readonly Lazy<FrozenDictionary<string, string>> s_trusts = new(() =>
        NhsEnglandOrganisations.All().Where(o => o.Kind == OrganisationKind.NhsTrust).ToFrozenDictionary(o => o.Code, o => o.Name, StringComparer.Ordinal));

    /// <summary>Maps <c>GET /demo</c> (what the door offers) and <c>POST /demo/token</c>, on the embedded default only.</summary>
    public static void MapDemoSignIn(this WebApplication app)
    {
        var key = app.Services.GetService<EmbeddedSigningKey>();
        if (key is null)
        {
            return;
        }

        app.Logger.LogWarning("Demo sign-in is open at /demo/token: anyone who reaches this gateway can act as an administrator or for any NHS trust. Configure Auth:SigningKey or Auth:PublicKeyPem to close it.");
        var issuer = new TokenIssuer(key, app.Configuration["Auth:Issuer"]);
        app.MapGet(PathPrefix, () => Results.Json(new DemoDoor(Roles, (int)Lifetime.TotalMinutes)));
        app.MapPost($"{PathPrefix}/token", (DemoTokenRequest request, TimeProvider time) => Mint(issuer, request, time.GetUtcNow()));
    }

    private static IResult Mint(TokenIssuer issuer, DemoTokenRequest request, DateTimeOffset now)
    {
        if (request.Role is null || !Roles.Contains(request.Role))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [$"Choose one of: {string.Join(", ", Roles)}."] });
        }

        string? organisationName = null;
        if (request.Role != CofundRoles.Admin
            && (request.OrganisationCode is null || !s_trusts.Value.TryGetValue(request.OrganisationCode, out organisationName)))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["organisationCode"] = ["Choose an NHS trust from the list (its ODS code, such as RTE)."] });
        }

        var organisation = organisationName is null ? null : request.OrganisationCode;
        var name = request.Role switch
        {
            CofundRoles.Admin => "Demo administrator",
            CofundRoles.OrgLead => $"Demo lead at {organisationName}",
            _ => $"Demo finance at {organisationName}",
        };
        var subject = organisation is null ? $"demo-{request.Role}" : $"demo-{request.Role}-{organisation}";
        var token = issuer.Mint(new TokenRequest(subject, name, [request.Role], organisation, [], Lifetime), now);
        return Results.Json(new DemoToken(token, now + Lifetime, subject, name, request.Role, organisation, organisationName));
    }
}

/// <summary>What the demo door offers.</summary>
/// <param name="Roles">The roles it hands out.</param>
/// <param name="LifetimeMinutes">How long its tokens last.</param>
public sealed record DemoDoor(IReadOnlyList<string> Roles, int LifetimeMinutes);

/// <summary>A request to sign in through the demo door.</summary>
/// <param name="Role"><c>admin</c>, <c>org_lead</c> or <c>org_finance</c>.</param>
/// <param name="OrganisationCode">For the organisation roles: the ODS code of a seeded NHS trust.</param>
public sealed record DemoTokenRequest(string? Role, string? OrganisationCode);

/// <summary>A demo token and who it says the holder is.</summary>
/// <param name="Token">The signed JWT, for <c>authorization: Bearer</c>.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
/// <param name="Subject">Its <c>sub</c>.</param>
/// <param name="Name">Its <c>name</c>.</param>
/// <param name="Role">Its one role.</param>
/// <param name="OrganisationCode">Its <c>org</c>, for the organisation roles.</param>
/// <param name="OrganisationName">That organisation's name.</param>
public sealed record DemoToken(string Token, DateTimeOffset ExpiresAt, string Subject, string Name, string Role, string? OrganisationCode, string? OrganisationName);
