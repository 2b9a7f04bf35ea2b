namespace Orleans.LiveSim.Feeds.SocketIo;

/// <summary>Bounded exponential backoff: starts at the initial delay, doubles per failure, never exceeds the cap.</summary>
/// <param name="initial">First delay.</param>
/// <param name="max">Cap.</param>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max)
{
    /// <summary>The delay the next failure waits.</summary>
    public TimeSpan Current { get; private set; } = initial < max ? initial : max;

    /// <summary>True once the delay has reached the cap (the provider has been away for a while).</summary>
    public bool AtCap => Current >= max;

    /// <summary>Returns the delay to wait now and doubles the next one, up to the cap.</summary>
    public TimeSpan Next()
    {
        var delay = Current;
        Current = TimeSpan.FromTicks(Math.Min(Current.Ticks * 2, max.Ticks));
        return delay;
    }

    /// <summary>Back to the initial delay after a successful connection.</summary>
    public void Reset() => Current = initial < max ? initial : max;
}
