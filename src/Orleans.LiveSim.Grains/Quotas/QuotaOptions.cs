using Orleans.LiveSim.Abstractions.Quotas;

namespace Orleans.LiveSim.Grains.Quotas;

/// <summary>Quotas (section <c>LiveSim:Quotas</c>): each account's, and the one quota all anonymous callers share (<c>LiveSim:Quotas:Anonymous</c>).</summary>
public sealed class QuotaOptions
{
    public const string Section = "LiveSim:Quotas";

    /// <summary>Each account's limits. Defaults: 100 running sessions, 100 recordings, 1 GiB of recordings.</summary>
    public QuotaLimits Accounts { get; set; } = new() { RunningSessions = 100, Recordings = 100, RecordingBytes = 1L << 30 };

    /// <summary>What all callers without an API key hold together. Defaults: 200 running sessions, 50 recordings, 256 MiB of recordings.</summary>
    public QuotaLimits Anonymous { get; set; } = new() { RunningSessions = 200, Recordings = 50, RecordingBytes = 256L << 20 };

    /// <summary>
    /// How long a reserved slot counts while its session or recording does not exist yet (a create or an upload in
    /// progress, or one a crash cut short) (<c>ReservationGrace</c>). Default 5 minutes.
    /// </summary>
    public TimeSpan ReservationGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The limits of one owner and the configuration keys that set them (named in a 429).</summary>
    public (QuotaLimits Limits, string Section) For(string? accountId) =>
        accountId is null ? (Anonymous, $"{Section}:Anonymous") : (Accounts, $"{Section}:Accounts");
}

/// <summary>One owner's limits.</summary>
public sealed class QuotaLimits
{
    /// <summary>The count limit of <paramref name="kind"/> and its name under the owner's section.</summary>
    public (long Max, string Name) CountOf(QuotaKind kind) => kind switch
    {
        QuotaKind.RunningSessions => (RunningSessions, nameof(RunningSessions)),
        QuotaKind.Recordings => (Recordings, nameof(Recordings)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such quota."),
    };

    /// <summary>The bytes limit of <paramref name="kind"/> and its name; null for a kind that does not count bytes.</summary>
    public (long Max, string Name)? BytesOf(QuotaKind kind) => kind == QuotaKind.Recordings ? (RecordingBytes, nameof(RecordingBytes)) : null;

    /// <summary>Sessions that have not ended (live ones, and replays still running).</summary>
    public int RunningSessions { get; set; }

    /// <summary>Recordings held.</summary>
    public int Recordings { get; set; }

    /// <summary>Bytes of the captures of the recordings held.</summary>
    public long RecordingBytes { get; set; }
}
