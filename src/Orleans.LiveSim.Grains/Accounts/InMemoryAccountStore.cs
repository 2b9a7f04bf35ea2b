using System.Collections.Concurrent;
using Orleans.LiveSim.Abstractions.Accounts;
using Orleans.LiveSim.Abstractions.Ports;

namespace Orleans.LiveSim.Grains.Accounts;

/// <summary>Accounts and API keys of the embedded default (one silo, nothing survives the process).</summary>
public sealed class InMemoryAccountStore : IAccountStore
{
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ApiKeyInfo Key, string Hash)> _keys = new(StringComparer.Ordinal);

    public Task CreateAsync(Account account, CancellationToken cancellationToken = default) =>
        _accounts.TryAdd(account.AccountId, account)
            ? Task.CompletedTask
            : throw new InvalidOperationException($"Account '{account.AccountId}' exists already.");

    public Task<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_accounts.GetValueOrDefault(accountId));

    public Task<IReadOnlyList<Account>> ListAsync(string? afterAccountId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Account>>(_accounts.Values
            .Where(a => afterAccountId is null || string.CompareOrdinal(a.AccountId, afterAccountId) > 0)
            .OrderBy(a => a.AccountId, StringComparer.Ordinal)
            .Take(limit)
            .ToList());

    public Task AddKeyAsync(ApiKeyInfo key, string keyHash, CancellationToken cancellationToken = default) =>
        _accounts.ContainsKey(key.AccountId) && _keys.TryAdd(key.KeyId, (key, keyHash))
            ? Task.CompletedTask
            : throw new InvalidOperationException($"Key '{key.KeyId}' of account '{key.AccountId}' cannot be added.");

    public Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(string accountId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>(_keys.Values
            .Where(k => k.Key.AccountId == accountId)
            .Select(k => k.Key)
            .OrderBy(k => k.CreatedAt)
            .ThenBy(k => k.KeyId, StringComparer.Ordinal)
            .ToList());

    public Task<ApiKeyInfo?> RevokeKeyAsync(string accountId, string keyId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        while (_keys.TryGetValue(keyId, out var entry) && entry.Key.AccountId == accountId)
        {
            if (entry.Key.Revoked || _keys.TryUpdate(keyId, (entry.Key with { RevokedAt = at }, entry.Hash), entry))
            {
                return Task.FromResult<ApiKeyInfo?>(_keys[keyId].Key);
            }
        }

        return Task.FromResult<ApiKeyInfo?>(null);
    }

    public Task<ApiKeyInfo?> FindKeyAsync(string keyHash, CancellationToken cancellationToken = default) =>
        Task.FromResult<ApiKeyInfo?>(_keys.Values.FirstOrDefault(k => k.Hash == keyHash).Key);
}
