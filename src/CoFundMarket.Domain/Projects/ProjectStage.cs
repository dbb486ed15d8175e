namespace CoFundMarket.Domain.Projects;

/// <summary>
/// How far the tool itself has come, independent of the funding lifecycle: a hack-day prototype can
/// be listed with its code so funders can inspect it before they pledge.
/// </summary>
public enum ProjectStage
{
    /// <summary>An idea, no code yet.</summary>
    Idea = 1,

    /// <summary>A working prototype (for example from a hack day).</summary>
    Prototype,

    /// <summary>In use by early adopters.</summary>
    Beta,

    /// <summary>In service.</summary>
    Live,
}
