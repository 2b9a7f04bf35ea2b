namespace Orleans.LiveSim.Grains.Hosting;

/// <summary>One configured feed (section <c>LiveSim:Feeds:{feedId}</c>).</summary>
public sealed class FeedDefinition
{
    /// <summary>Source kind: <c>synthetic</c> (default), <c>socketio</c> or <c>recording</c>.</summary>
    public string Provider { get; set; } = "synthetic";

    /// <summary>Synthetic: seed of the game. Default 42.</summary>
    public ulong Seed { get; set; } = 42;

    /// <summary>Synthetic: milliseconds between ticks. Default 250.</summary>
    public int TickIntervalMs { get; set; } = 250;

    /// <summary>Synthetic: seconds of cooldown between rounds. Default 15.</summary>
    public int CooldownSeconds { get; set; } = 15;

    /// <summary>Start this feed on every silo start. Default true.</summary>
    public bool AutoStart { get; set; } = true;
}
