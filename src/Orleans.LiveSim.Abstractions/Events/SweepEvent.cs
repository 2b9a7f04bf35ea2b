using System.ComponentModel.DataAnnotations;
using Orleans.LiveSim.Abstractions.Sweeps;

namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>
/// An update on a sweep's stream: <c>{type: "sweep_update", schemaVersion, sweepId, updateSeq, body}</c> with the sweep's
/// view (status, progress, leaderboard) as its body. Sent at once, then when the sweep changed, at most twice a second.
/// </summary>
public sealed record SweepEvent
{
    public required string Type { get; init; }

    public required int SchemaVersion { get; init; }

    [MinLength(1)]
    public required string SweepId { get; init; }

    /// <summary>The view's updateSeq (the SSE <c>id</c>).</summary>
    [Range(0, long.MaxValue)]
    public required long UpdateSeq { get; init; }

    public required SweepView Body { get; init; }

    public static SweepEvent Of(SweepView view) =>
        new() { Type = SessionEventTypes.SweepUpdate, SchemaVersion = SessionEventTypes.SchemaVersion, SweepId = view.Id, UpdateSeq = view.UpdateSeq, Body = view };
}
