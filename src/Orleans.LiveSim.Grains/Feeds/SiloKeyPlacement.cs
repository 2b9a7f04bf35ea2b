using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Orleans.LiveSim.Grains.Feeds;

/// <summary>Places a per-silo fan-out (<see cref="FeedKeys.Hub"/>) on the silo its key names.</summary>
[GenerateSerializer]
[Immutable]
[SuppressReferenceTracking]
[Alias("livesim.SiloKeyPlacement")]
public sealed class SiloKeyPlacement : PlacementStrategy
{
    public static readonly SiloKeyPlacement Instance = new();
}

/// <summary>Marks a grain whose key starts with the silo it must run on (<see cref="FeedKeys.Hub"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloKeyPlacementAttribute() : PlacementAttribute(SiloKeyPlacement.Instance);

/// <summary>
/// The silo named in the key when it is a compatible member; otherwise (it died or left, and the router stops sending
/// to it once membership says so; or this silo has not yet learned that it joined) the local silo, where the shard
/// sees that it is not home, delivers nothing and deactivates.
/// </summary>
public sealed class SiloKeyPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        var named = FeedKeys.ParseHub(target.GrainIdentity.Key.ToString()!).Silo;
        var silo = compatible.Contains(named) ? named
            : compatible.Contains(context.LocalSilo) ? context.LocalSilo
            : compatible[0];
        return Task.FromResult(silo);
    }
}
