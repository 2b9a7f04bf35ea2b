using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Sweeps;

/// <summary>A sweep as <c>GET /live-sim/sweeps/{id}</c> shows it and its stream sends it.</summary>
/// <param name="Id">The sweep's id.</param>
/// <param name="Status">running, completed (every replay variant ended) or stopped.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="EndedAt">When it completed or was stopped.</param>
/// <param name="Source">Where every variant's ticks come from (a live sweep's variants all start at <c>fromSeq</c>).</param>
/// <param name="Strategy">The base strategy every variant starts from.</param>
/// <param name="StartingBalance">Every variant's starting balance.</param>
/// <param name="Grid">The swept parameters and their values.</param>
/// <param name="Metric">What the variants are ranked by.</param>
/// <param name="Progress">How far it has come.</param>
/// <param name="Top">The best variants, best first.</param>
/// <param name="Bottom">The worst variants, in rank order (the last is the worst).</param>
/// <param name="TableHash">A hash of every reported variant's index and stateHash: the same sweep gives the same table hash.</param>
/// <param name="UpdateSeq">Grows with every report the sweep takes in.</param>
[GenerateSerializer]
[Alias("livesim.SweepView")]
public sealed record SweepView(
    [property: Id(0)] string Id,
    [property: Id(1), JsonConverter(typeof(CamelCaseEnumConverter<SweepStatus>))] SweepStatus Status,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? EndedAt,
    [property: Id(4)] SessionSource Source,
    [property: Id(5)] StrategyView Strategy,
    [property: Id(6)] decimal StartingBalance,
    [property: Id(7)] IReadOnlyList<SweepAxis> Grid,
    [property: Id(8), JsonConverter(typeof(SweepMetricJsonConverter))] SweepMetric Metric,
    [property: Id(9)] SweepProgress Progress,
    [property: Id(10)] IReadOnlyList<SweepVariantView> Top,
    [property: Id(11)] IReadOnlyList<SweepVariantView> Bottom,
    [property: Id(12)] string TableHash,
    [property: Id(13)] long UpdateSeq);

/// <summary>How far a sweep has come.</summary>
/// <param name="Variants">Variants in the grid.</param>
/// <param name="Created">Variant sessions created so far.</param>
/// <param name="Reported">Variants that have reported at least once.</param>
/// <param name="Done">Variants that have ended.</param>
/// <param name="TicksApplied">Feed entries the variants have applied, together.</param>
/// <param name="TicksTotal">Feed entries a replay sweep applies in all (variants x range); null for a live sweep.</param>
/// <param name="EtaSeconds">Seconds a replay sweep needs to finish at its pace so far; null before the first report and for a live sweep.</param>
[GenerateSerializer]
[Alias("livesim.SweepProgress")]
public sealed record SweepProgress(
    [property: Id(0)] int Variants,
    [property: Id(1)] int Created,
    [property: Id(2)] int Reported,
    [property: Id(3)] int Done,
    [property: Id(4)] long TicksApplied,
    [property: Id(5)] long? TicksTotal,
    [property: Id(6)] double? EtaSeconds);

/// <summary>One variant in a leaderboard or listing.</summary>
/// <param name="Rank">1 for the best by the sweep's metric.</param>
/// <param name="Index">The variant's index in the grid.</param>
/// <param name="SessionId">Its session (open, stream or stop it like any session, with the sweep's token).</param>
/// <param name="Params">The swept parameters' values of this variant.</param>
/// <param name="Status">Its session's status.</param>
/// <param name="StatusReason">Why it ended, once it has.</param>
/// <param name="Metric">Its value of the sweep's metric; null when it has none.</param>
/// <param name="LastSeq">The last feed seq it applied.</param>
/// <param name="Stats">Its figures.</param>
/// <param name="StateHash">Its stateHash.</param>
[GenerateSerializer]
[Alias("livesim.SweepVariantView")]
public sealed record SweepVariantView(
    [property: Id(0)] int Rank,
    [property: Id(1)] int Index,
    [property: Id(2)] string SessionId,
    [property: Id(3), JsonConverter(typeof(RawJsonObjectConverter))] IReadOnlyList<KeyValuePair<string, string>> Params,
    [property: Id(4), JsonConverter(typeof(CamelCaseEnumConverter<SessionStatus>))] SessionStatus Status,
    [property: Id(5)] string? StatusReason,
    [property: Id(6)] decimal? Metric,
    [property: Id(7)] long LastSeq,
    [property: Id(8)] VariantStats Stats,
    [property: Id(9)] string StateHash)
{
    public static SweepVariantView From(int rank, VariantResult r, IReadOnlyList<SweepAxis> grid, SweepMetric metric) =>
        new(rank, r.Index, r.SessionId, SweepGrid.ValuesOf(grid, r.Index), r.Status, r.StatusReason, metric.ValueOf(r.Stats), r.LastSeq, r.Stats, r.StateHash);
}

/// <summary>Answer of a sweep call: the access outcome and, when allowed, the view.</summary>
[GenerateSerializer]
[Alias("livesim.SweepReply")]
public sealed record SweepReply([property: Id(0)] SessionAccess Access, [property: Id(1)] SweepView? View)
{
    public static SweepReply Denied(SessionAccess access) => new(access, null);
}

/// <summary>Answer of <see cref="ISweepGrain.GetVariantsAsync"/>: every reported variant in rank order.</summary>
[GenerateSerializer]
[Alias("livesim.SweepVariantsReply")]
public sealed record SweepVariantsReply([property: Id(0)] SessionAccess Access, [property: Id(1)] IReadOnlyList<SweepVariantView> Variants, [property: Id(2)] IReadOnlyList<SweepAxis> Grid);

/// <summary>Writes a metric as requests spell it (<c>netPnl</c>, <c>sharpe</c>, ...).</summary>
public sealed class SweepMetricJsonConverter : JsonConverter<SweepMetric>
{
    public override SweepMetric Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        SweepMetrics.TryParse(reader.GetString(), out var metric) ? metric : throw new System.Text.Json.JsonException($"must be one of: {string.Join(", ", SweepMetrics.Names)}.");

    public override void Write(System.Text.Json.Utf8JsonWriter writer, SweepMetric value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name());
}
