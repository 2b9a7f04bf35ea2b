using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.EventBus.Nats;

/// <summary>The deployment's stream as configured: created when missing, its limits updated when they changed.</summary>
public static class NatsStreamSetup
{
    public static StreamConfig Config(NatsBusOptions options) => new(options.Stream, [BusSubjects.All])
    {
        Retention = options.Retention.ToLowerInvariant() switch
        {
            "limits" => StreamConfigRetention.Limits,
            "interest" => StreamConfigRetention.Interest,
            "workqueue" => StreamConfigRetention.Workqueue,
            _ => throw new InvalidOperationException($"LiveSim:EventBus:Nats:Retention '{options.Retention}' is not supported; use limits, interest or workqueue."),
        },
        Storage = options.Storage.ToLowerInvariant() switch
        {
            "file" => StreamConfigStorage.File,
            "memory" => StreamConfigStorage.Memory,
            _ => throw new InvalidOperationException($"LiveSim:EventBus:Nats:Storage '{options.Storage}' is not supported; use file or memory."),
        },
        MaxAge = options.MaxAge,
        MaxBytes = options.MaxBytes,
        DuplicateWindow = options.DuplicateWindow,
        // The oldest messages go when the stream is full; new events are never refused.
        Discard = StreamConfigDiscard.Old,
        AllowDirect = true,
    };

    public static async Task EnsureAsync(INatsJSContext js, NatsBusOptions options, CancellationToken cancellationToken) =>
        await js.CreateOrUpdateStreamAsync(Config(options), cancellationToken);
}
