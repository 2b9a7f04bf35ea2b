namespace Orleans.LiveSim.Grains.Storage;

/// <summary>Bounds of the in-memory bet ledger of the embedded default (section <c>LiveSim:Ledger</c>; PostgreSQL keeps every entry).</summary>
public sealed class LedgerOptions
{
    public const string Section = "LiveSim:Ledger";

    /// <summary>
    /// Entries kept for all sessions together. Default 500,000 (about 150 MB at most); past it the ledger of the session
    /// that was written longest ago is dropped whole.
    /// </summary>
    public int MaxEntries { get; set; } = 500_000;

    /// <summary>Entries kept per session. Default 100,000; past it the session's oldest entries are dropped (its pages say so).</summary>
    public int MaxEntriesPerSession { get; set; } = 100_000;
}
