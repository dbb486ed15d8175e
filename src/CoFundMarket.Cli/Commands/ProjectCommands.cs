using System.CommandLine;
using CoFundMarket.Api.V1;
using CoFundMarket.Cli.Calling;
using CoFundMarket.Cli.Output;

namespace CoFundMarket.Cli.Commands;

/// <summary><c>cofund projects list|show</c>: projects that are OPEN or later are public; drafts need their lead's token or admin.</summary>
internal static class ProjectCommands
{
    public static Command Create(ApiOptions api) => new Command("projects", "Co-funded projects.") { List(api), Show(api) };

    private static Command List(ApiOptions api)
    {
        var status = new Option<string[]>("--status") { Description = $"Only these statuses (repeatable): {Formats.EnumChoices<ProjectStatus>()}." };
        var lead = new Option<string?>("--lead") { Description = "Only projects led by this organisation (ODS code)." };
        var region = new Option<string?>("--region") { Description = "Only projects that benefit this region (ODS code)." };
        var category = new Option<string?>("--category") { Description = "Only this category (exact match)." };
        var paging = new Paging();
        var command = new Command("list", "List projects the caller may see.") { status, lead, region, category };
        paging.AddTo(command);
        return api.Bind(command, async (session, parse, cancellationToken) =>
        {
            var request = new ListProjectsRequest
            {
                LeadOrganisationCode = parse.GetValue(lead) ?? "",
                RegionCode = parse.GetValue(region) ?? "",
                Category = parse.GetValue(category) ?? "",
            };
            request.Statuses.AddRange((parse.GetValue(status) ?? []).Select(s => Arguments.Enum<ProjectStatus>(s, "--status")));
            var (projects, next) = await paging.FetchAsync(
                parse,
                session.Printer,
                (size, token) => session.CallAsync(CofundMethods.ListProjects, new ListProjectsRequest(request) { PageSize = size, PageToken = token }, cancellationToken),
                response => response.Projects,
                response => response.NextPageToken);
            if (!session.Printer.Json)
            {
                var table = new TextTable(
                    new Column("ID"), new Column("STATUS"), new Column("TITLE"), new Column("LEAD"), new Column("TARGET", AlignRight: true),
                    new Column("COUNTED", AlignRight: true), new Column("FUNDERS", AlignRight: true), new Column("DEADLINE"));
                foreach (var project in projects)
                {
                    table.Add(
                        project.Id, Formats.Enum(project.Status), Formats.Clip(project.Title, 48), project.LeadOrganisationCode, Formats.Money(project.Target),
                        Formats.Money(project.CountedTotal), $"{project.FunderCount}/{project.MinFunders}", Formats.Date(project.FundingDeadline));
                }

                session.Printer.WriteTable(table);
                Paging.NoteMore(session.Printer, "cofund projects list", next);
            }

            return ExitCode.Ok;
        });
    }

    private static Command Show(ApiOptions api)
    {
        var id = new Argument<string>("project-id") { Description = "The project's id." };
        return api.Bind(new Command("show", "Show one project with its pledges and adoptions.") { id }, async (session, parse, cancellationToken) =>
        {
            var response = await session.CallAsync(CofundMethods.GetProject, new GetProjectRequest { ProjectId = parse.GetValue(id)! }, cancellationToken);
            session.Printer.Write(response, () => WriteProject(session.Printer, response.Project));
            return ExitCode.Ok;
        });
    }

    private static void WriteProject(Printer printer, Project project)
    {
        var record = TextTable.Record()
            .Add("Id", project.Id)
            .Add("Title", project.Title)
            .Add("Status", Formats.Enum(project.Status))
            .Add("Stage", Formats.Enum(project.Stage))
            .Add("Lead", project.LeadOrganisationCode)
            .Add("Category", project.Category)
            .Add("Regions", string.Join(", ", project.RegionCodes))
            .Add("Target", Formats.Money(project.Target))
            .Add("Cap", Formats.Money(project.Cap))
            .Add("Pledged", Formats.Money(project.Pledged))
            .Add("Counted", Formats.Money(project.CountedTotal))
            .Add("Committed", Formats.Money(project.Committed))
            .Add("Funders", $"{project.FunderCount} (at least {project.MinFunders} needed)")
            .Add("Deadline", Formats.Date(project.FundingDeadline))
            .Add("Licence", project.Licence)
            .Add("Repository", project.RepositoryUrl)
            .Add("Adoptions", Formats.Number(project.AdoptionCount))
            .Add("Version", Formats.Number(project.Version))
            .Add("Summary", project.Summary);
        if (project.AdaptedFromProjectId.Length > 0)
        {
            record.Add("Adapted from", project.AdaptedFromProjectId);
        }

        if (project.AdaptationCount > 0)
        {
            record.Add("Adaptations", $"{project.AdaptationCount}: {string.Join(", ", project.AdaptationProjectIds)}");
        }

        printer.WriteTable(record);
        if (project.Pledges.Count > 0)
        {
            printer.WriteHeading("Pledges");
            var pledges = new TextTable(
                new Column("PLEDGE"), new Column("ORGANISATION"), new Column("AMOUNT", AlignRight: true), new Column("STATUS"),
                new Column("COUNTED"), new Column("MIN OTHERS", AlignRight: true));
            foreach (var pledge in project.Pledges)
            {
                pledges.Add(pledge.PledgeId, pledge.OrganisationCode, Formats.Money(pledge.Amount), Formats.Enum(pledge.Status), Formats.YesNo(pledge.Counted), Formats.Number(pledge.MinOtherFunders));
            }

            printer.WriteTable(pledges);
        }

        if (project.Adoptions.Count > 0)
        {
            printer.WriteHeading("Adoptions");
            var adoptions = new TextTable(new Column("ORGANISATION"), new Column("ADOPTED ON"), new Column("NOTE"));
            foreach (var adoption in project.Adoptions)
            {
                adoptions.Add(adoption.OrganisationCode, Formats.Date(adoption.AdoptedOn), adoption.Note);
            }

            printer.WriteTable(adoptions);
        }
    }
}
