namespace Orleans.LiveSim.Grains.Sweeps;

/// <summary>Limits and pacing of parameter sweeps (section <c>LiveSim:Sweeps</c>).</summary>
public sealed class SweepOptions
{
    public const string Section = "LiveSim:Sweeps";

    /// <summary>Most variants one sweep may have (<c>LiveSim:Sweeps:MaxVariants</c>). Default 10,000.</summary>
    public int MaxVariants { get; set; } = 10_000;

    /// <summary>
    /// Replay variants running at once per sweep: the rest are created as earlier ones end, so a large sweep does not hold
    /// thousands of replays (and their read-ahead) in memory together. Live variants all run at once. Default 1,000.
    /// </summary>
    public int MaxRunningReplays { get; set; } = 1_000;

    /// <summary>Variant sessions a sweep creates per step of its timer (it stays responsive in between). Default 200.</summary>
    public int CreateBatch { get; set; } = 200;

    /// <summary>A running variant reports to its sweep at most this often (and once when it ends). Default 1 s.</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A running sweep writes its state (the variants' last reports) at most this often. Default 5 s.</summary>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromSeconds(5);
}
