namespace Orleans.LiveSim.Abstractions.Quotas;

/// <summary>Keys of <see cref="IQuotaGrain"/>: the account's id, or <see cref="Anonymous"/> for everyone without an API key.</summary>
public static class QuotaKeys
{
    /// <summary>The key of the quota anonymous callers share (account ids start with <c>acct_</c>, so it is never one).</summary>
    public const string Anonymous = "anonymous";

    public static string Of(string? accountId) => accountId ?? Anonymous;

    /// <summary>The owner account of a key: null for <see cref="Anonymous"/>.</summary>
    public static string? AccountOf(string key) => key == Anonymous ? null : key;
}
