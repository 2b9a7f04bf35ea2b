using Npgsql;
using Orleans.LiveSim.Abstractions.Accounts;
using Orleans.LiveSim.Abstractions.Ports;

namespace Orleans.LiveSim.Store;

/// <summary>
/// Accounts in <c>livesim_accounts</c>, their API keys in <c>livesim_api_keys</c> (the SHA-256 of each key, never the key),
/// shared by every silo. Runs on the sessions pool; reads and the revocation are retried after transient failures, inserts
/// only when they surely never ran.
/// </summary>
public sealed class PostgresAccountStore(LiveSimDatabase database) : IAccountStore
{
    private const string KeyColumns = "key_id, account_id, prefix, created_at, revoked_at";

    private DatabaseGate Gate => database.Sessions;

    public Task CreateAsync(Account account, CancellationToken cancellationToken = default) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand("INSERT INTO livesim_accounts (account_id, name, created_at) VALUES (@id, @name, @created)");
                command.Parameters.AddWithValue("id", account.AccountId);
                command.Parameters.AddWithValue("name", account.Name);
                command.Parameters.AddWithValue("created", account.CreatedAt.UtcDateTime);
                return await command.ExecuteNonQueryAsync(ct);
            },
            idempotent: false,
            cancellationToken);

    public Task<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand("SELECT account_id, name, created_at FROM livesim_accounts WHERE account_id = @id");
                command.Parameters.AddWithValue("id", accountId);
                return (await ReadAccountsAsync(command, ct)).FirstOrDefault();
            },
            idempotent: true,
            cancellationToken);

    public Task<IReadOnlyList<Account>> ListAsync(string? afterAccountId, int limit, CancellationToken cancellationToken = default) =>
        Gate.RunAsync<IReadOnlyList<Account>>(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand(
                    "SELECT account_id, name, created_at FROM livesim_accounts WHERE account_id > @after ORDER BY account_id LIMIT @limit");
                command.Parameters.AddWithValue("after", afterAccountId ?? "");
                command.Parameters.AddWithValue("limit", limit);
                return await ReadAccountsAsync(command, ct);
            },
            idempotent: true,
            cancellationToken);

    public Task AddKeyAsync(ApiKeyInfo key, string keyHash, CancellationToken cancellationToken = default) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand(
                    "INSERT INTO livesim_api_keys (key_id, account_id, key_hash, prefix, created_at) VALUES (@id, @account, @hash, @prefix, @created)");
                command.Parameters.AddWithValue("id", key.KeyId);
                command.Parameters.AddWithValue("account", key.AccountId);
                command.Parameters.AddWithValue("hash", keyHash);
                command.Parameters.AddWithValue("prefix", key.Prefix);
                command.Parameters.AddWithValue("created", key.CreatedAt.UtcDateTime);
                return await command.ExecuteNonQueryAsync(ct);
            },
            idempotent: false,
            cancellationToken);

    public Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(string accountId, CancellationToken cancellationToken = default) =>
        Gate.RunAsync<IReadOnlyList<ApiKeyInfo>>(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand($"SELECT {KeyColumns} FROM livesim_api_keys WHERE account_id = @account ORDER BY created_at, key_id");
                command.Parameters.AddWithValue("account", accountId);
                return await ReadKeysAsync(command, ct);
            },
            idempotent: true,
            cancellationToken);

    public Task<ApiKeyInfo?> RevokeKeyAsync(string accountId, string keyId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Gate.RunAsync(
            async ct =>
            {
                // coalesce: revoking twice keeps the first time, so the statement can be retried.
                await using var command = Gate.DataSource.CreateCommand(
                    $"UPDATE livesim_api_keys SET revoked_at = coalesce(revoked_at, @at) WHERE key_id = @id AND account_id = @account RETURNING {KeyColumns}");
                command.Parameters.AddWithValue("id", keyId);
                command.Parameters.AddWithValue("account", accountId);
                command.Parameters.AddWithValue("at", at.UtcDateTime);
                return (await ReadKeysAsync(command, ct)).FirstOrDefault();
            },
            idempotent: true,
            cancellationToken);

    public Task<ApiKeyInfo?> FindKeyAsync(string keyHash, CancellationToken cancellationToken = default) =>
        Gate.RunAsync(
            async ct =>
            {
                await using var command = Gate.DataSource.CreateCommand($"SELECT {KeyColumns} FROM livesim_api_keys WHERE key_hash = @hash");
                command.Parameters.AddWithValue("hash", keyHash);
                return (await ReadKeysAsync(command, ct)).FirstOrDefault();
            },
            idempotent: true,
            cancellationToken);

    private static async Task<IReadOnlyList<Account>> ReadAccountsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var accounts = new List<Account>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(new Account(reader.GetString(0), reader.GetString(1), Utc(reader.GetDateTime(2))));
        }

        return accounts;
    }

    private static async Task<IReadOnlyList<ApiKeyInfo>> ReadKeysAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeyInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), Utc(reader.GetDateTime(3)), reader.IsDBNull(4) ? null : Utc(reader.GetDateTime(4))));
        }

        return keys;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
