namespace Orleans.LiveSim.Abstractions.Ports;

/// <summary>Whose sessions or recordings a listing returns: everyone's (the operator), or one owner's (an account, or the anonymous callers).</summary>
/// <param name="Everyone">Every owner's.</param>
/// <param name="AccountId">The owner when not <paramref name="Everyone"/>: an account, or null for what anonymous callers created.</param>
public sealed record OwnerFilter(bool Everyone, string? AccountId)
{
    public static OwnerFilter All { get; } = new(true, null);

    public static OwnerFilter Of(string? accountId) => new(false, accountId);

    public bool Matches(string? ownerAccountId) => Everyone || ownerAccountId == AccountId;
}
