using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Accounts;
using Orleans.LiveSim.Abstractions.Ports;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>
/// What this silo knows about API keys, by the SHA-256 of the key, for <see cref="AuthOptions.KeyCache"/> (unknown keys
/// too, so guessing costs the database nothing). <see cref="Forget"/> drops a revoked key at once, so the silo that
/// revoked it refuses it from then on; other silos refuse it when their entry expires.
/// </summary>
public sealed class ApiKeyCache(IAccountStore store, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Entries kept at most; a cache that fills up starts over (it only costs lookups).</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKeyInfo? Key, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The key with this hash, revoked or not; null when there is none.</summary>
    public async ValueTask<ApiKeyInfo?> FindAsync(string keyHash, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(keyHash, out var entry) && time.GetUtcNow() < entry.Until)
        {
            return entry.Key;
        }

        var generation = Interlocked.Read(ref _generation);
        var key = await store.FindKeyAsync(keyHash, cancellationToken);
        // A revocation while this lookup ran may have made what it read stale: then it is not kept.
        if (Interlocked.Read(ref _generation) == generation)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[keyHash] = (key, time.GetUtcNow() + options.Value.KeyCache);
        }

        return key;
    }

    /// <summary>Forgets the key <paramref name="keyId"/> (just revoked), so its next use is looked up again.</summary>
    public void Forget(string keyId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Key?.KeyId == keyId)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }
}
