using System.Collections.Immutable;
using CoFundMarket.Domain.Common;

namespace CoFundMarket.Domain.Projects;

/// <summary>What the lead organisation writes about a project (editable while DRAFT or SUBMITTED).</summary>
public sealed record ProjectDetails(
    string Title,
    string Summary,
    string Problem,
    string Category,
    string LeadOrganisationCode,
    ImmutableArray<string> RegionCodes,
    Money Target,
    Money Cap,
    int MinFunders,
    DateOnly FundingDeadline,
    string Licence,
    ProjectStage Stage = ProjectStage.Idea,
    string? SourceRepositoryUrl = null,
    string? AdaptedFromProjectId = null)
{
    /// <summary>Value equality, including the region list (an ImmutableArray compares by reference on its own).</summary>
    public bool Equals(ProjectDetails? other) =>
        other is not null
        && Title == other.Title && Summary == other.Summary && Problem == other.Problem && Category == other.Category
        && LeadOrganisationCode == other.LeadOrganisationCode && RegionCodes.SequenceEqual(other.RegionCodes)
        && Target == other.Target && Cap == other.Cap && MinFunders == other.MinFunders
        && FundingDeadline == other.FundingDeadline && Licence == other.Licence
        && Stage == other.Stage && SourceRepositoryUrl == other.SourceRepositoryUrl && AdaptedFromProjectId == other.AdaptedFromProjectId;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Title, LeadOrganisationCode, Target, FundingDeadline);

    /// <summary>Checks every field; <paramref name="cap"/> defaults to the target.</summary>
    /// <exception cref="DomainException">INVALID_ARGUMENT naming the field.</exception>
    public static ProjectDetails Create(
        string? title, string? summary, string? problem, string? category, string? leadOrganisationCode,
        IEnumerable<string>? regionCodes, Money target, Money? cap, int minFunders, DateOnly fundingDeadline, string? licence,
        ProjectStage stage = ProjectStage.Idea, string? sourceRepositoryUrl = null, string? adaptedFromProjectId = null)
    {
        if (!Enum.IsDefined(stage))
        {
            throw DomainException.Invalid("stage", "stage must be idea, prototype, beta or live.");
        }

        if (target.MinorUnits < Money.MinPledgeMinorUnits)
        {
            throw DomainException.Invalid("target", "target must be at least £1.");
        }

        var effectiveCap = cap is { IsZero: false } c ? c : target;
        if (effectiveCap < target)
        {
            throw DomainException.Invalid("cap", $"cap ({effectiveCap}) cannot be below the target ({target}).");
        }

        if (minFunders is < 1 or > 1000)
        {
            throw DomainException.Invalid("min_funders", "min_funders must be between 1 and 1000.");
        }

        var regions = (regionCodes ?? []).Select(r => Validate.OdsCode(r, "region_codes")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        return new ProjectDetails(
            Validate.Text(title, "title", 200),
            Validate.Text(summary, "summary", 1_000),
            Validate.Text(problem, "problem", 5_000, required: false),
            Validate.Text(category, "category", 80),
            Validate.OdsCode(leadOrganisationCode, "lead_organisation_code"),
            regions,
            target,
            effectiveCap,
            minFunders,
            fundingDeadline,
            Validate.Text(licence, "licence", 40),
            stage,
            string.IsNullOrEmpty(sourceRepositoryUrl) ? null : Validate.HttpsUrl(sourceRepositoryUrl, "repository_url"),
            string.IsNullOrEmpty(adaptedFromProjectId) ? null : Validate.ClientId(adaptedFromProjectId, "adapted_from_project_id"));
    }
}
