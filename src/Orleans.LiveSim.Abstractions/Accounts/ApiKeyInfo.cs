namespace Orleans.LiveSim.Abstractions.Accounts;

/// <summary>An API key as it is stored: never the key itself (only its SHA-256 hash is kept, apart from this record).</summary>
/// <param name="KeyId">Id (<c>key_</c> and 12 hex digits), used to revoke it.</param>
/// <param name="AccountId">The account the key acts for.</param>
/// <param name="Prefix">The key's first characters, so its holder can tell which key is which.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="RevokedAt">When it was revoked; null while it is valid.</param>
public sealed record ApiKeyInfo(string KeyId, string AccountId, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt = null)
{
    public const string IdPrefix = "key_";

    public bool Revoked => RevokedAt is not null;
}
