using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// Paces a replay: <c>max</c> applies entries as fast as they can be read; a number N applies each entry once
/// N times less time has passed than between it and the first entry in the recording.
/// </summary>
public sealed class ReplayClock
{
    private readonly decimal _speed;
    private readonly DateTimeOffset _startedAt;
    private DateTimeOffset? _firstTickAt;

    private ReplayClock(decimal speed, DateTimeOffset startedAt)
    {
        _speed = speed;
        _startedAt = startedAt;
    }

    public bool IsMax => _speed == 0m;

    public static ReplayClock For(ReplaySpeed? speed, DateTimeOffset now) => new(speed?.Multiple ?? 0m, now);

    public bool Due(FeedTick tick, DateTimeOffset now)
    {
        if (IsMax)
        {
            return true;
        }

        _firstTickAt ??= tick.ReceivedAt;
        var recorded = (decimal)(tick.ReceivedAt - _firstTickAt.Value).TotalMilliseconds;
        return recorded / _speed <= (decimal)(now - _startedAt).TotalMilliseconds;
    }
}
