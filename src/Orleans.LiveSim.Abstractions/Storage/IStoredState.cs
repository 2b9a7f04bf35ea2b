using System.Text.Json.Nodes;

namespace Orleans.LiveSim.Abstractions.Storage;

/// <summary>
/// Grain state stored as a versioned JSON document. <see cref="StoredStateSerializer"/> reads a document of any
/// earlier version by applying <see cref="Upgrades"/> in turn (each rewrites the document one version up), and refuses
/// a document newer than <see cref="CurrentVersion"/> rather than misread it.
/// </summary>
public interface IStoredState<TSelf>
    where TSelf : IStoredState<TSelf>
{
    /// <summary>The version this code writes.</summary>
    static abstract int CurrentVersion { get; }

    /// <summary>Upgrade steps: the first rewrites a version 1 document as version 2, and so on up to <see cref="CurrentVersion"/>.</summary>
    static abstract IReadOnlyList<Action<JsonObject>> Upgrades { get; }

    /// <summary>The version of this document (<c>schemaVersion</c> in JSON).</summary>
    int SchemaVersion { get; }
}
