using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Ledger;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Silo.Hosting;
using Orleans.LiveSim.Silo.Ledger;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>
/// A session's history from its bet ledger: the bets a page at a time or all of them as CSV or NDJSON, P&amp;L by period,
/// and the whole equity curve. The session first writes what it holds back (<see cref="ISessionGrain.OpenLedgerAsync"/>),
/// then everything is read from the ledger store a page at a time, so an export streams without being built in memory.
/// </summary>
public static class LedgerApi
{
    private const int ExportPage = 1000;
    private const string Csv = "text/csv";
    private const string Ndjson = "application/x-ndjson";

    public static RouteGroupBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/sessions").WithTags("Ledger");
        group.MapGet("/{id}/bets", BetsAsync).WithName("ListSessionBets")
            .WithSummary("The session's bet ledger: every bet placed (open, won, lost, voided) and every scheduled bet skipped, with the inputs that chose each stake.")
            .WithDescription("Rows in the order the session decided them, a page at a time: `?after=` the last row's eventSeq (the page's `next`), `?limit=` 1..1000 (default 100); `?outcome=open|won|lost|voided|skipped` and `?gameId=` filter. `?format=csv` or `?format=ndjson` streams all the rows after `after` that match, as a file (Content-Disposition). `complete` is false when the embedded default's in-memory ledger dropped old rows (LiveSim:Ledger:*). Needs read access.")
            .Produces<LedgerPage>()
            .Produces<string>(StatusCodes.Status200OK, Csv, Ndjson)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ForOneSession(ApiReference.SessionToken);
        group.MapGet("/{id}/pnl", PnlAsync).WithName("SessionPnl")
            .WithSummary("The session's P&L by hour, day or week of the feed's time (UTC).")
            .WithDescription("`?interval=hour|day|week` (default day; weeks start on Monday). Per period with ledger entries: bets placed, won, lost, voided and skipped, wagered, returned, net P&L (realized: by when bets settled) and equity at the period's end. Needs read access.")
            .Produces<PnlReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ForOneSession(ApiReference.SessionToken);
        group.MapGet("/{id}/equity", EquityAsync).WithName("SessionEquityCurve")
            .WithSummary("The session's whole equity curve: equity after every bet won or lost (the view's equityCurve keeps only the last 500).")
            .WithDescription("A JSON array of {seq, at, equity, betId} from the start, oldest first, streamed: the points of the view's `stats.equityCurve`, all of them (a voided bet changes no equity and adds none). `?format=csv` or `?format=ndjson` as a file (Content-Disposition); `?after=` an eventSeq to start after. Needs read access.")
            .Produces<EquityCurvePoint[]>()
            .Produces<string>(StatusCodes.Status200OK, Csv, Ndjson)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ForOneSession(ApiReference.SessionToken);
        return group;
    }

    public static async Task<Results<Ok<LedgerPage>, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> BetsAsync(
        string id, long? after, int? limit, string? outcome, string? gameId, string? format, HttpRequest request, [AsParameters] LedgerServices services)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var size = limit ?? 100;
        if (size is < 1 or > 1000)
        {
            errors["limit"] = ["must be between 1 and 1000."];
        }

        var filter = new LedgerFilter(ParseOutcome(outcome, errors), string.IsNullOrEmpty(gameId) ? null : gameId);
        var kind = ParseFormat(format, errors);
        if (after < 0)
        {
            errors["after"] = ["must be an eventSeq >= 0."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid ledger query.");
        }

        var reply = await services.Grains.GetGrain<ISessionGrain>(id).OpenLedgerAsync(await services.Callers.ResolveAsync(request));
        if (reply.Access != SessionAccess.Ok)
        {
            return SessionsApi.Problem(id, reply.Access);
        }

        var from = after ?? 0;
        if (kind is not null)
        {
            var rows = AllRowsAsync(services.Ledger, id, filter, from, request.HttpContext.RequestAborted);
            return Export(id, "bets", kind, LedgerCsv.BetsHeader, rows, LedgerCsv.Line, services.JsonOptions);
        }

        var page = await services.Ledger.ReadRowsAsync(id, filter, from, size + 1, request.HttpContext.RequestAborted);
        var complete = await services.Ledger.DroppedThroughAsync(id) == 0;
        var bets = page.Count > size ? page.Take(size).ToArray() : page;
        return TypedResults.Ok(new LedgerPage(bets, page.Count > size ? bets[^1].EventSeq : null, complete));
    }

    public static async Task<Results<Ok<PnlReport>, ValidationProblem, ProblemHttpResult>> PnlAsync(
        string id, string? interval, HttpRequest request, [AsParameters] LedgerServices services)
    {
        PnlInterval? period = (interval ?? "day") switch
        {
            "hour" => PnlInterval.Hour,
            "day" => PnlInterval.Day,
            "week" => PnlInterval.Week,
            _ => null,
        };
        if (period is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["interval"] = ["must be hour, day or week."] }, title: "Invalid P&L query.");
        }

        var reply = await services.Grains.GetGrain<ISessionGrain>(id).OpenLedgerAsync(await services.Callers.ResolveAsync(request));
        if (reply.Access != SessionAccess.Ok)
        {
            return SessionsApi.Problem(id, reply.Access);
        }

        var entries = AllEntriesAsync(services.Ledger, id, null, 0, request.HttpContext.RequestAborted);
        var periods = await PnlReport.PeriodsAsync(entries, period.Value, reply.StartingBalance);
        var complete = await services.Ledger.DroppedThroughAsync(id) == 0;
        return TypedResults.Ok(new PnlReport(id, period.Value, reply.StartingBalance, complete, periods));
    }

    public static async Task<Results<Ok<IAsyncEnumerable<EquityCurvePoint>>, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> EquityAsync(
        string id, long? after, string? format, HttpRequest request, [AsParameters] LedgerServices services)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var kind = ParseFormat(format, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid equity query.");
        }

        var reply = await services.Grains.GetGrain<ISessionGrain>(id).OpenLedgerAsync(await services.Callers.ResolveAsync(request));
        if (reply.Access != SessionAccess.Ok)
        {
            return SessionsApi.Problem(id, reply.Access);
        }

        var points = EquityPointsAsync(services.Ledger, id, Math.Max(0, after ?? 0), request.HttpContext.RequestAborted);
        return kind is null ? TypedResults.Ok(points) : Export(id, "equity", kind, LedgerCsv.EquityHeader, points, LedgerCsv.Line, services.JsonOptions);
    }

    private static PushStreamHttpResult Export<T>(string id, string what, string format, string csvHeader, IAsyncEnumerable<T> items, Func<T, string> csvLine, IOptions<JsonOptions> json) =>
        TypedResults.Stream(
            async body =>
            {
                await using var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
                if (format == "csv")
                {
                    await writer.WriteLineAsync(csvHeader);
                }

                await foreach (var item in items)
                {
                    await writer.WriteLineAsync(format == "csv" ? csvLine(item) : JsonSerializer.Serialize(item, json.Value.SerializerOptions));
                }
            },
            format == "csv" ? Csv : Ndjson,
            $"session-{id}-{what}.{format}");

    private static async IAsyncEnumerable<LedgerRow> AllRowsAsync(ISessionLedger ledger, string id, LedgerFilter filter, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await ledger.ReadRowsAsync(id, filter, after, ExportPage, cancellationToken);
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < ExportPage)
            {
                yield break;
            }

            after = page[^1].EventSeq;
        }
    }

    private static async IAsyncEnumerable<LedgerEntry> AllEntriesAsync(ISessionLedger ledger, string id, LedgerEntryKind? kind, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await ledger.ReadEntriesAsync(id, kind, after, ExportPage, cancellationToken);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < ExportPage)
            {
                yield break;
            }

            after = page[^1].EventSeq;
        }
    }

    private static async IAsyncEnumerable<EquityCurvePoint> EquityPointsAsync(ISessionLedger ledger, string id, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in AllEntriesAsync(ledger, id, LedgerEntryKind.Settled, after, cancellationToken))
        {
            if (e.Outcome == Engine.Wallet.BetOutcome.Voided)
            {
                continue;
            }

            yield return new EquityCurvePoint(e.FeedSeq, e.At, e.EquityAfter ?? 0m, e.BetId);
        }
    }

    private static LedgerOutcome? ParseOutcome(string? outcome, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(outcome))
        {
            return null;
        }

        foreach (var value in Enum.GetValues<LedgerOutcome>())
        {
            if (LedgerCsv.OutcomeName(value) == outcome)
            {
                return value;
            }
        }

        errors["outcome"] = ["must be open, won, lost, voided or skipped."];
        return null;
    }

    /// <summary>csv or ndjson for an export; null for the JSON answer.</summary>
    private static string? ParseFormat(string? format, Dictionary<string, string[]> errors)
    {
        switch (format)
        {
            case null or "" or "json":
                return null;
            case "csv" or "ndjson":
                return format;
            default:
                errors["format"] = ["must be json, csv or ndjson."];
                return null;
        }
    }
}

/// <summary>A page of a session's ledger; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
/// <param name="Bets">The rows.</param>
/// <param name="Next">The eventSeq to pass as <c>after</c> for the next page; null when this page is the last.</param>
/// <param name="Complete">False when the in-memory ledger of the embedded default dropped the session's oldest rows.</param>
public sealed record LedgerPage(IReadOnlyList<LedgerRow> Bets, long? Next, bool Complete);

/// <summary>What the ledger endpoints need besides the request: bound with <c>[AsParameters]</c>.</summary>
public sealed record LedgerServices(IGrainFactory Grains, ISessionLedger Ledger, CallerResolver Callers, IOptions<JsonOptions> JsonOptions);
