using System.Globalization;
using System.Text;
using System.Text.Json;
using Orleans.LiveSim.Abstractions.Sweeps;

namespace Orleans.LiveSim.Silo.Delivery;

/// <summary>A sweep's variants as CSV (one row each, a column per swept parameter) or NDJSON (one variant object a line).</summary>
public static class SweepExport
{
    private static readonly string[] Figures =
        ["ticksProcessed", "gamesSeen", "betsPlaced", "betsWon", "betsLost", "betsVoided", "totalWagered", "netPnl", "roiPct", "sharpeRatio", "maxDrawdownPct", "winRatePct", "profitFactor", "equity"];

    public static string Csv(SweepVariantsReply reply)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', ["rank", "index", "sessionId", .. reply.Grid.Select(a => a.Parameter), "status", "statusReason", "metric", "lastSeq", .. Figures, "stateHash"]).Append('\n');
        foreach (var v in reply.Variants)
        {
            var s = v.Stats;
            object?[] figures = [s.TicksProcessed, s.GamesSeen, s.BetsPlaced, s.BetsWon, s.BetsLost, s.BetsVoided, s.TotalWagered, s.NetPnl, s.RoiPct, s.SharpeRatio, s.MaxDrawdownPct, s.WinRatePct, s.ProfitFactor, s.Equity];
            object?[] row = [v.Rank, v.Index, v.SessionId, .. v.Params.Select(p => p.Value), JsonNamingPolicy.CamelCase.ConvertName(v.Status.ToString()), v.StatusReason, v.Metric, v.LastSeq, .. figures, v.StateHash];
            text.AppendJoin(',', row.Select(Cell)).Append('\n');
        }

        return text.ToString();
    }

    public static string Ndjson(SweepVariantsReply reply, JsonSerializerOptions json)
    {
        var text = new StringBuilder();
        foreach (var v in reply.Variants)
        {
            text.Append(JsonSerializer.Serialize(v, json)).Append('\n');
        }

        return text.ToString();
    }

    // RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled (a betSizes value [0.001,0.002]).
    private static string Cell(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
