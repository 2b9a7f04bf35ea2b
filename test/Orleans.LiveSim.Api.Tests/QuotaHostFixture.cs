namespace Orleans.LiveSim.Api.Tests;

/// <summary>
/// A second real silo with small limits: quotas of 2 running sessions and 2 recordings (2 MB) per account, 1 running
/// session and 2 recordings (2 MB) for all anonymous callers together, 3 MB of recordings in memory, and a live journal
/// of 1,000 entries per feed (so a recording longer than it is cheap to make).
/// </summary>
public sealed class QuotaHostFixture : HostFixture
{
    public const long MaxTotalBytes = 3_000_000;

    protected override bool WithProvider => false;

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--LiveSim:MemoryJournalEntries=1000",
        "--LiveSim:Quotas:Accounts:RunningSessions=2",
        "--LiveSim:Quotas:Accounts:Recordings=2",
        "--LiveSim:Quotas:Accounts:RecordingBytes=2000000",
        "--LiveSim:Quotas:Anonymous:RunningSessions=1",
        "--LiveSim:Quotas:Anonymous:Recordings=2",
        "--LiveSim:Quotas:Anonymous:RecordingBytes=2000000",
        $"--LiveSim:Recordings:MaxTotalBytes={MaxTotalBytes}",
    ];
}

[CollectionDefinition(Name)]
public sealed class QuotaHostCollection : ICollectionFixture<QuotaHostFixture>
{
    public const string Name = "quota-host";
}
