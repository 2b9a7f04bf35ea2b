using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// The body of <c>POST /live-sim/sweeps</c>: a session request (source, base strategy, starting balance; the same fields
/// as <c>POST /live-sim/sessions</c>) plus the <c>grid</c> of parameters to sweep and the <c>metric</c> to rank by.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateSweepRequest
{
    /// <summary>A live sweep follows this feed (<c>GET /live-sim/feeds</c>); default <c>demo</c>. Not with <c>source</c>.</summary>
    public string? FeedId { get; init; }

    /// <summary>A replay sweep: a recording, or a range of a feed's journal. Every variant replays the same entries.</summary>
    public ReplaySourceRequest? Source { get; init; }

    /// <summary>The base strategy every variant starts from. Not together with <c>legacyStrategy</c>.</summary>
    public StrategyRequest? Strategy { get; init; }

    /// <summary>Every variant's starting balance, in (0, 1000000]. Default 0.1, or the legacy file's.</summary>
    public decimal? StartingBalance { get; init; }

    /// <summary>A legacy strategy file (v1 or v2) as the base strategy.</summary>
    public LegacyStrategyFile? LegacyStrategy { get; init; }

    /// <summary>
    /// Required. Catalogue parameters (<c>GET /live-sim/strategies</c>) and the values each takes: a list
    /// (<c>"entryTick": [10, 20]</c>, <c>"betSizes": [[0.001], [0.002]]</c>) or, for a number, a range
    /// (<c>"numBets": {"from": 1, "to": 4, "step": 1}</c>). The variants are every combination, the last parameter
    /// changing fastest; at most <c>LiveSim:Sweeps:MaxVariants</c> (default 10,000).
    /// </summary>
    public JsonElement? Grid { get; init; }

    /// <summary>What to rank by: netPnl (default), roiPct, sharpe, maxDrawdownPct (lower is better), winRatePct or profitFactor.</summary>
    public string? Metric { get; init; }

    /// <summary>Minimal APIs bind the body through this: an empty body is refused for its missing grid, errors are 400/413.</summary>
    public static async ValueTask<CreateSweepRequest?> BindAsync(HttpContext context) =>
        await RequestBody.ReadJsonAsync<CreateSweepRequest>(context) ?? new CreateSweepRequest();
}
