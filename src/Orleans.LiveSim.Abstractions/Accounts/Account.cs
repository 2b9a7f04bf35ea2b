namespace Orleans.LiveSim.Abstractions.Accounts;

/// <summary>An account: what its API keys create belongs to it, and its quotas count what it holds.</summary>
/// <param name="AccountId">Id (<c>acct_</c> and 16 hex digits), made by the silo.</param>
/// <param name="Name">The name the operator gave it (any text; shown as text, never as markup).</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record Account(string AccountId, string Name, DateTimeOffset CreatedAt)
{
    public const string IdPrefix = "acct_";
}
