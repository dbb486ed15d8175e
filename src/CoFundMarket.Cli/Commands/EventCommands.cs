using System.CommandLine;
using System.Globalization;
using CoFundMarket.Api.V1;
using CoFundMarket.Cli.Calling;
using CoFundMarket.Cli.Output;
using CoFundMarket.Rpc;

namespace CoFundMarket.Cli.Commands;

/// <summary><c>cofund events watch</c>: the marketplace's event feed, live, from a position, until Ctrl-C.</summary>
internal static class EventCommands
{
    public static Command Create(ApiOptions api) => new Command("events", "The event feed: every state change of the marketplace, in commit order.") { Watch(api) };

    private static Command Watch(ApiOptions api)
    {
        var after = new Option<long>("--after") { Description = "Start after this global position (0 = from the beginning)." };
        var max = new Option<int>("--max") { Description = "Stop after this many events (0 = run until Ctrl-C)." };
        var command = new Command("watch", "Print events after a position, then each new one as it is committed, until Ctrl-C (or --max). Roles: admin, or a partner with events.read.")
        {
            after, max,
        };
        return api.Bind(command, async (session, parse, cancellationToken) =>
        {
            var printer = session.Printer;
            var last = parse.GetValue(after);
            var limit = parse.GetValue(max);
            var received = 0;
            // The call gets its own source so that --max can end it as cleanly as Ctrl-C does.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var call = session.Stream(CofundMethods.WatchEvents, new WatchEventsRequest { AfterPosition = last }, stop.Token);
            try
            {
                while (await call.ResponseStream.MoveNext(stop.Token))
                {
                    var e = call.ResponseStream.Current.Event;
                    if (received == 0 && !printer.Json)
                    {
                        // Only once the call succeeded: a refused watch prints nothing on stdout.
                        printer.Out.WriteLine($"{"POSITION",10}  {"OCCURRED",-20}  {"TYPE",-24}  {"ENTITY",-40}  ACTOR");
                    }

                    Write(printer, call.ResponseStream.Current, e);
                    last = e.Position;
                    if (++received == limit)
                    {
                        return ExitCode.Ok;
                    }
                }

                // The server ended the feed (it is shutting down); saying where to resume makes that recoverable.
                printer.Note($"the server ended the feed; resume with --after {last}");
                return ExitCode.Unavailable;
            }
            catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or RpcException)
            {
                // Ctrl-C: a clean stop, not a failure; the position tells the next run where to pick up.
                printer.Note($"stopped; resume with --after {last}");
                return ExitCode.Ok;
            }
        });
    }

    private static void Write(Printer printer, WatchEventsResponse response, Event e)
    {
        if (printer.Json)
        {
            printer.WriteJson(response);
            return;
        }

        var actor = string.Join(" ", new[] { e.ActorId, e.ActorRole, e.ActorOrganisationCode }.Where(s => s.Length > 0));
        printer.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{e.Position,10}  {Formats.Time(e.OccurredAt),-20}  {e.Type,-24}  {Formats.Clip($"{e.EntityType}/{e.EntityId}", 40),-40}  {actor}"));
        printer.Out.Flush();
    }
}
