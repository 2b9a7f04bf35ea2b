namespace Orleans.LiveSim.LoadDriver.Recovery;

/// <summary>
/// Orleans' own count of the messages each silo sent to and received from other silos (its
/// <c>orleans_messaging_sent/received_messages_size_bytes</c> histograms' counts, every connection direction) over the
/// steady window before the kill, per feed entry the cluster published meanwhile.
/// </summary>
public sealed class SteadyMessages
{
    private const string Sent = "orleans_messaging_sent_messages_size_bytes_count";
    private const string Received = "orleans_messaging_received_messages_size_bytes_count";

    public double Seconds { get; init; }

    public double FeedEntries { get; init; }

    public IReadOnlyList<SiloMessages> Silos { get; init; } = [];

    /// <summary>Messages between silos per feed entry, the cluster's total (each message counted once, by its sender).</summary>
    public double SentPerEntry => FeedEntries > 0 ? Silos.Sum(s => s.Sent) / FeedEntries : 0;

    public static SteadyMessages From(double seconds, IReadOnlyList<int> sessions, IReadOnlyList<Dictionary<string, double>> start, IReadOnlyList<Dictionary<string, double>> end)
    {
        double Delta(int i, string name) => end[i].GetValueOrDefault(name) - start[i].GetValueOrDefault(name);
        var entries = Enumerable.Range(0, start.Count).Sum(i => Delta(i, "livesim_feed_entries_total"));
        return new SteadyMessages
        {
            Seconds = seconds,
            FeedEntries = entries,
            Silos = Enumerable.Range(0, start.Count)
                .Select(i => new SiloMessages(i + 1, sessions[i], Delta(i, Sent), Delta(i, Received), entries > 0 ? Delta(i, Sent) / entries : 0, entries > 0 ? Delta(i, Received) / entries : 0))
                .ToList(),
        };
    }

    public override string ToString() =>
        FormattableString.Invariant($"steady state, {Seconds:0.0} s, {FeedEntries:N0} feed entries: {SentPerEntry:N1} messages between silos per feed entry; ") +
        string.Join("; ", Silos.Select(s => FormattableString.Invariant($"silo {s.Silo} ({s.Sessions:N0} sessions) sent {s.Sent:N0} ({s.SentPerEntry:N1} per entry), received {s.Received:N0} ({s.ReceivedPerEntry:N1})")));
}

/// <summary>One silo's share of <see cref="SteadyMessages"/>.</summary>
public sealed record SiloMessages(int Silo, int Sessions, double Sent, double Received, double SentPerEntry, double ReceivedPerEntry);
