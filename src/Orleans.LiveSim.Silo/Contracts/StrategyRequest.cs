using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>A create request's <c>strategy</c>: a strategy of the catalogue (default <c>tick-schedule</c>) and its parameters.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record StrategyRequest
{
    /// <summary>Id in <c>GET /live-sim/strategies</c>. Default <c>tick-schedule</c>.</summary>
    public string? Id { get; init; }

    /// <summary>Parameters; those left out keep their defaults.</summary>
    public StrategyParams? Params { get; init; }
}
