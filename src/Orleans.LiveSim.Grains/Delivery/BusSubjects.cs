namespace Orleans.LiveSim.Grains.Delivery;

/// <summary>
/// Subjects on the bus: <c>livesim.{accountId}.{sessionId}.{type}</c>. Sessions without an owner account (there are
/// no accounts yet, issue 9) publish under <see cref="AnonymousAccount"/>.
/// </summary>
public static class BusSubjects
{
    public const string Root = "livesim";

    /// <summary>The account token of sessions that belong to no account.</summary>
    public const string AnonymousAccount = "anon";

    /// <summary>What the deployment's stream captures.</summary>
    public const string All = Root + ".>";

    public static string Prefix(string? accountId, string sessionId) => $"{Root}.{Token(accountId)}.{sessionId}.";

    /// <summary>Every event of one session, whatever its account and type.</summary>
    public static string OfSession(string sessionId) => $"{Root}.*.{sessionId}.*";

    /// <summary>The de-duplication id of an event: JetStream drops a second message with the same id inside its window.</summary>
    public static string MessageId(string sessionId, long eventSeq) => $"{sessionId}:{eventSeq}";

    // A subject token may not hold '.', '*', '>' or whitespace; an account id that does is made safe rather than refused.
    private static string Token(string? accountId)
    {
        if (string.IsNullOrEmpty(accountId))
        {
            return AnonymousAccount;
        }

        return string.Create(accountId.Length, accountId, (span, id) =>
        {
            for (var i = 0; i < id.Length; i++)
            {
                span[i] = id[i] is '.' or '*' or '>' || char.IsWhiteSpace(id[i]) ? '_' : id[i];
            }
        });
    }
}
