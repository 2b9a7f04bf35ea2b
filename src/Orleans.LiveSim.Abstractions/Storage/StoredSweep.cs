using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Sweeps;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Storage;

/// <summary>
/// What a sweep grain stores (storage <c>livesim</c>, state <c>sweep</c>): what it was created with, how far it has come
/// creating variants, its read-only viewer tokens, and the variants' last reports. Version 2 (version 2: viewer tokens);
/// <see cref="Upgrades"/> reads version 1 documents.
/// </summary>
public sealed record StoredSweep : IStoredState<StoredSweep>
{
    public static int CurrentVersion => 2;

    public static IReadOnlyList<Action<JsonObject>> Upgrades { get; } = [FromVersion1];

    public int SchemaVersion { get; init; } = CurrentVersion;

    /// <summary>The config every variant starts from; null until the sweep is created.</summary>
    public SessionConfig? BaseConfig { get; init; }

    public SessionSource? Source { get; init; }

    public IReadOnlyList<SweepAxis> Grid { get; init; } = [];

    public SweepMetric Metric { get; init; }

    /// <summary>SHA-256 of the sweep's token (also every variant's access token).</summary>
    public string AccessTokenHash { get; init; } = "";

    public string? OwnerAccountId { get; init; }

    /// <summary>The sweep's read-only viewer tokens (hashes only), at most <see cref="ViewerToken.MaxPerSession"/> as a session.</summary>
    public IReadOnlyList<ViewerToken> Viewers { get; init; } = [];

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

    /// <summary>
    /// What <paramref name="caller"/> may do with this sweep: the operator, the owner account and the holder of the sweep's
    /// token control it; the holder of one of its viewer tokens reads it; anyone else has no access.
    /// </summary>
    public AccessLevel AccessFor(Caller caller) =>
        caller.IsOperator || (OwnerAccountId is not null && caller.AccountId == OwnerAccountId) || StoredSession.SameHash(AccessTokenHash, caller.TokenHash)
            ? AccessLevel.Control
            : AdmitsViewer(caller.TokenHash) ? AccessLevel.Read
            : AccessLevel.None;

    /// <summary>Whether <paramref name="tokenHash"/> is one of the sweep's viewer tokens.</summary>
    public bool AdmitsViewer(string tokenHash)
    {
        // Every viewer is compared, found or not, so the time taken says nothing about which hash matched.
        var viewer = false;
        foreach (var v in Viewers)
        {
            viewer |= StoredSession.SameHash(v.TokenHash, tokenHash);
        }

        return viewer;
    }

    /// <summary>
    /// Version 2 adds <c>viewers</c>; a version 1 document has none, which reads as none. The version is bumped all the same:
    /// a version 1 build would read a version 2 document, drop the viewers it does not know on its next write, and so
    /// revoke every shared link unseen; refusing the newer version keeps that from happening.
    /// </summary>
    private static void FromVersion1(JsonObject document)
    {
    }
}
