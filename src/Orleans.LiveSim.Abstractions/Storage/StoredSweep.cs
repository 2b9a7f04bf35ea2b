using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Sweeps;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Storage;

/// <summary>
/// What a sweep grain stores (storage <c>livesim</c>, state <c>sweep</c>): what it was created with, how far it has come
/// creating variants, and the variants' last reports. Version 1.
/// </summary>
public sealed record StoredSweep : IStoredState<StoredSweep>
{
    public static int CurrentVersion => 1;

    public static IReadOnlyList<Action<JsonObject>> Upgrades { get; } = [];

    public int SchemaVersion { get; init; } = CurrentVersion;

    /// <summary>The config every variant starts from; null until the sweep is created.</summary>
    public SessionConfig? BaseConfig { get; init; }

    public SessionSource? Source { get; init; }

    public IReadOnlyList<SweepAxis> Grid { get; init; } = [];

    public SweepMetric Metric { get; init; }

    /// <summary>SHA-256 of the sweep's token (also every variant's access token).</summary>
    public string AccessTokenHash { get; init; } = "";

    public string? OwnerAccountId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public SweepStatus Status { get; init; }

    /// <summary>Variants in the grid.</summary>
    public int Variants { get; init; }

    /// <summary>Variants whose session has been created (variants are created in index order).</summary>
    public int Created { get; init; }

    /// <summary>The variants' last reports, in index order of those that reported.</summary>
    public IReadOnlyList<VariantResult> Results { get; init; } = [];

    [JsonIgnore]
    public bool Exists => BaseConfig is not null;

    /// <summary>What <paramref name="caller"/> may do with this sweep: the operator, the owner account and the holder of the sweep's token control it.</summary>
    public AccessLevel AccessFor(Caller caller) =>
        caller.IsOperator || (OwnerAccountId is not null && caller.AccountId == OwnerAccountId) || StoredSession.SameHash(AccessTokenHash, caller.TokenHash)
            ? AccessLevel.Control
            : AccessLevel.None;
}
