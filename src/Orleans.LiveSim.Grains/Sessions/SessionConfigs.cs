using System.Collections.Concurrent;
using System.Text.Json;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// One shared object per distinct session config on a silo. A config is immutable, and most sessions run one of a few
/// (the defaults, a team's preset), yet each activation deserialized its own: some 700 bytes of strategy, sizing, risk
/// and rules objects per session, about a tenth of a session's memory at 100,000 (issue 12). Configs are equal when
/// their stored JSON is; at most <see cref="Capacity"/> are kept, after that a config is used as it came.
/// </summary>
public sealed class SessionConfigs
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, SessionConfig> _configs = new(StringComparer.Ordinal);

    /// <summary>The silo's shared config equal to <paramref name="config"/> (the first one seen becomes it).</summary>
    public SessionConfig Share(SessionConfig config)
    {
        var key = JsonSerializer.Serialize(config, StoredStateSerializer.Options);
        if (_configs.TryGetValue(key, out var shared))
        {
            return shared;
        }

        return _configs.Count < Capacity ? _configs.GetOrAdd(key, config) : config;
    }
}
