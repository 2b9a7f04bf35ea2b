using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Sweeps;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Storage;

/// <summary>
/// What a session grain stores (storage <c>livesim</c>, state <c>session</c>): its config, where its ticks come from,
/// its token's hash, how many events it has emitted, and the engine's state with the last applied seq, in one write.
/// Version 4 (version 3: its command log, start seq and parent, and the engine's pause, delayed bet and peak balance;
/// version 4: its delivery outbox and webhooks); <see cref="Upgrades"/> reads the documents of versions 1, 2 and 3.
/// </summary>
public sealed record StoredSession : IStoredState<StoredSession>
{
    public static int CurrentVersion => 4;

    public static IReadOnlyList<Action<JsonObject>> Upgrades { get; } = [FromVersion1, FromVersion2, FromVersion3];

    public int SchemaVersion { get; init; } = CurrentVersion;

    /// <summary>The session's config; null until the session is created.</summary>
    public SessionConfig? Config { get; init; }

    public SessionSource? Source { get; init; }

    /// <summary>SHA-256 of the session's access token (the token itself is never stored).</summary>
    public string AccessTokenHash { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The account that owns the session (its API key created it); null for a session created anonymously.</summary>
    public string? OwnerAccountId { get; init; }

    /// <summary>The session's read-only viewer tokens (hashes only), at most <see cref="ViewerToken.MaxPerSession"/>.</summary>
    public IReadOnlyList<ViewerToken> Viewers { get; init; } = [];

    /// <summary>Outbound events so far (every event counts, watched or not, so eventSeq is the same on replay).</summary>
    public long EventSeq { get; init; }

    public StoredEngineState? Engine { get; init; }

    /// <summary>The feed seq after which the session started (it applies the entries after it); null in documents before version 3.</summary>
    public long? StartAfterSeq { get; init; }

    /// <summary>The command log: pauses and resumes in the order given, each with the seq it took effect after.</summary>
    public IReadOnlyList<SessionCommand> Commands { get; init; } = [];

    /// <summary>The session this one was forked from, if any.</summary>
    public string? ForkOf { get; init; }

    /// <summary>The sweep this session is a variant of, if any: it reports its results there.</summary>
    public SweepMembership? Sweep { get; init; }

    /// <summary>Delivery to other services (event bus outbox, webhooks); null when the session delivers nothing.</summary>
    public StoredDelivery? Delivery { get; init; }

    /// <summary>Whether a session was created under this id (a grain of an unknown id has no stored state).</summary>
    [JsonIgnore]
    public bool Created => Config is not null;

    /// <summary>Whether <paramref name="accessTokenHash"/> is this session's, compared in constant time.</summary>
    public bool Admits(string accessTokenHash) => SameHash(AccessTokenHash, accessTokenHash);

    /// <summary>
    /// What <paramref name="caller"/> may do with this session: the operator, the owner account and the holder of the
    /// session's access token control it; the holder of one of its viewer tokens reads it; anyone else has no access.
    /// </summary>
    public AccessLevel AccessFor(Caller caller)
    {
        if (caller.IsOperator || (OwnerAccountId is not null && caller.AccountId == OwnerAccountId) || Admits(caller.TokenHash))
        {
            return AccessLevel.Control;
        }

        // Every viewer is compared, found or not, so the time taken says nothing about which hash matched.
        var viewer = false;
        foreach (var v in Viewers)
        {
            viewer |= SameHash(v.TokenHash, caller.TokenHash);
        }

        return viewer ? AccessLevel.Read : AccessLevel.None;
    }

    /// <summary>Whether <paramref name="given"/> is the hash <paramref name="expected"/>, compared in constant time.</summary>
    public static bool SameHash(string expected, string given) =>
        expected.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));

    /// <summary>
    /// Version 3 adds fields with defaults that a version 2 document lacks (no commands, not paused, no delayed bet). The
    /// version is bumped anyway so that a silo of the previous build refuses these documents instead of dropping a pause
    /// or a delayed bet unseen. The legacy sizing's peak balance starts from the peak equity, the nearest figure version 2 kept.
    /// </summary>
    private static void FromVersion2(JsonObject document)
    {
        if (document["engine"] is JsonObject engine && engine["peakEquity"] is JsonNode peak)
        {
            engine["peakBalance"] = peak.DeepClone();
        }
    }

    /// <summary>
    /// Version 1 was the engine's own classes serialized: it stored a <c>created</c> flag (always true once stored) and
    /// the derived equity, and the running hash as a JSON number above 2^53, which JavaScript and most JSON tools round.
    /// Version 2 drops the first two and stores the hash as its 16 hex digits, like <c>stateHash</c>.
    /// </summary>
    private static void FromVersion1(JsonObject document)
    {
        document.Remove("created");
        if (document["engine"] is JsonObject engine)
        {
            engine.Remove("equity");
            if (engine["hash"] is JsonValue hash && hash.TryGetValue(out ulong value))
            {
                engine["hash"] = StateHasher.ToHex(value);
            }
        }
    }

    /// <summary>
    /// Version 4 adds <c>delivery</c> (the event bus outbox and webhooks); a version 3 document has none, which reads as
    /// none. The version is bumped all the same: a version 3 build would read a version 4 document and silently drop the
    /// outbox it does not know, and publish nothing of it; refusing the newer version keeps that from happening.
    /// </summary>
    private static void FromVersion3(JsonObject document)
    {
    }
}
