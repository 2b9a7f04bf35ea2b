namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// Who is asking, as the front silo resolved it from the request: an account (its API key was valid), a bearer token
/// (only its SHA-256 hash: a session's access token or a read-only viewer token), and whether the operator key was given.
/// The grain that owns a resource decides what that caller may do there (<see cref="AccessLevel"/>).
/// </summary>
/// <param name="AccountId">The account whose API key came with the request; null for anonymous callers.</param>
/// <param name="TokenHash">SHA-256 (hex) of the bearer token that came with the request; empty when there was none.</param>
/// <param name="IsOperator">The request carried the operator key.</param>
[GenerateSerializer]
[Immutable]
[Alias("livesim.Caller")]
public sealed record Caller([property: Id(0)] string? AccountId, [property: Id(1)] string TokenHash, [property: Id(2)] bool IsOperator = false)
{
    /// <summary>A caller with nothing but a bearer token (the token's hash).</summary>
    public static Caller WithToken(string tokenHash) => new(null, tokenHash);
}
