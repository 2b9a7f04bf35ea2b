using Orleans.LiveSim.Abstractions.Accounts;

namespace Orleans.LiveSim.Abstractions.Ports;

/// <summary>
/// Accounts and their API keys (in memory on the embedded default, tables <c>livesim_accounts</c> and
/// <c>livesim_api_keys</c> in PostgreSQL). A key is stored as its SHA-256 hash only; <see cref="FindKeyAsync"/> finds it by that hash.
/// </summary>
public interface IAccountStore
{
    Task CreateAsync(Account account, CancellationToken cancellationToken = default);

    Task<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Accounts in id order, the <paramref name="limit"/> after <paramref name="afterAccountId"/>.</summary>
    Task<IReadOnlyList<Account>> ListAsync(string? afterAccountId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Stores a new key of an existing account, kept as <paramref name="keyHash"/> (SHA-256, hex).</summary>
    Task AddKeyAsync(ApiKeyInfo key, string keyHash, CancellationToken cancellationToken = default);

    /// <summary>The account's keys, revoked ones too, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key (idempotent: a revoked key keeps its first revocation time); null when the account has no such key.</summary>
    Task<ApiKeyInfo?> RevokeKeyAsync(string accountId, string keyId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The key whose hash is <paramref name="keyHash"/>, revoked or not; null when there is none.</summary>
    Task<ApiKeyInfo?> FindKeyAsync(string keyHash, CancellationToken cancellationToken = default);
}
