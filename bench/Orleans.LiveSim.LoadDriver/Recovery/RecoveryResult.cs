using System.Globalization;
using System.Text.Json;

namespace Orleans.LiveSim.LoadDriver.Recovery;

/// <summary>What one recovery run measured; times are seconds since the replacement silo's process started.</summary>
public sealed class RecoveryResult
{
    public int Sessions { get; set; }

    public int Silos { get; set; }

    /// <summary>Sessions that lived on the killed silo.</summary>
    public int Moved { get; set; }

    public double? ReadySeconds { get; set; }

    /// <summary>When every moved session had applied a live batch again; null if not within the window.</summary>
    public double? CaughtUpSeconds { get; set; }

    /// <summary>When the cluster's feed published again (sampling: 250 ms).</summary>
    public double? FeedBackSeconds { get; set; }

    /// <summary>The longest time without a feed entry once it was back.</summary>
    public double? FeedLongestPauseAfterRestartSeconds { get; set; }

    /// <summary>The same, over the 10 s before the kill: what the machine's load alone does.</summary>
    public double FeedLongestPauseBeforeKillSeconds { get; set; }

    public double FailedActivations { get; set; }

    public double DatabaseRetries { get; set; }

    public double DatabaseGaveUp { get; set; }

    public double WakeRetries { get; set; }

    public double MaxWaiting { get; set; }

    /// <summary>The most connections to the run's database seen at once (every 2 s, all silos and this driver's one).</summary>
    public int MaxConnections { get; set; }

    public long LogLines { get; set; }

    /// <summary>Session-ticks/s over the window's last 10 s, and what every session applying every feed entry would give.</summary>
    public double SessionTicksPerSecond { get; set; }

    public double ExpectedSessionTicksPerSecond { get; set; }

    public int Audited { get; set; }

    public int Consistent { get; set; }

    /// <summary>Running and within 8 entries of the feed when read after the window.</summary>
    public int Current { get; set; }

    /// <summary>Messages between silos per feed entry before the kill (Orleans' own counters).</summary>
    public SteadyMessages? Steady { get; set; }

    public string LoadBefore { get; set; } = "";

    public string LoadAfter { get; set; } = "";

    public string Json() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static string Header =>
        "| sessions | silos | moved | ready | all caught up | feed back / longest pause (before kill) | failed activations | db retries | wake retries | max waiting | max connections | log lines | session-ticks/s (expected) | audit | load before / after |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public string Row() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Sessions:N0} | {Silos} | {Moved:N0} | {S(ReadySeconds)} | {S(CaughtUpSeconds)} | {S(FeedBackSeconds)} / {S(FeedLongestPauseAfterRestartSeconds)} ({S(FeedLongestPauseBeforeKillSeconds)}) | {FailedActivations:N0} | {DatabaseRetries:N0} | {WakeRetries:N0} | {MaxWaiting:N0} | {MaxConnections} | {LogLines:N0} | " +
        $"{SessionTicksPerSecond:N0} ({ExpectedSessionTicksPerSecond:N0}) | {Consistent:N0}/{Audited:N0} consistent, {Current:N0} current | {LoadBefore} / {LoadAfter} |");

    private static string S(double? seconds) => seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.0} s") : "-";
}
