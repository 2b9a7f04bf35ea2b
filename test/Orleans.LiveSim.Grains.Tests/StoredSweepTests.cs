using System.Text.Json.Nodes;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Abstractions.Sweeps;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>A stored sweep keeps its viewer tokens (hashes) and reads the documents of the version before them.</summary>
public sealed class StoredSweepTests
{
    private const string SweepHash = "aaaa000000000000000000000000000000000000000000000000000000000000";
    private const string ViewerHash = "bbbb000000000000000000000000000000000000000000000000000000000000";
    private static readonly StoredStateSerializer Serializer = new();

    private static StoredSweep Sweep { get; } = new()
    {
        BaseConfig = GoldenSession.Config,
        Source = new SessionSource("demo", SessionMode.Replay, 1, 20),
        Grid = [new SweepAxis("entryTick", ["1", "2"])],
        Metric = SweepMetric.NetPnl,
        AccessTokenHash = SweepHash,
        OwnerAccountId = "acct_1",
        CreatedAt = GoldenSession.Start,
        Variants = 2,
    };

    [Fact]
    public void A_stored_v1_sweep_reads_as_the_current_version_with_no_viewer_tokens()
    {
        var v1 = JsonNode.Parse(Serializer.Serialize(Sweep).ToMemory().Span)!.AsObject();
        v1.Remove("viewers");
        v1["schemaVersion"] = 1;

        var read = Serializer.Deserialize<StoredSweep>(BinaryData.FromString(v1.ToJsonString()));

        Assert.Equal((2, 0), (read.SchemaVersion, read.Viewers.Count));
        Assert.Equal((SweepHash, "acct_1", 2), (read.AccessTokenHash, read.OwnerAccountId, read.Variants));
    }

    [Fact]
    public void A_stored_sweep_keeps_its_viewer_tokens_and_a_viewer_reads_while_the_token_and_owner_control()
    {
        var written = Sweep with { Viewers = [new ViewerToken("viewer_1", ViewerHash, GoldenSession.Start, "team screen")] };

        var read = Serializer.Deserialize<StoredSweep>(Serializer.Serialize(written));

        Assert.Equal(written.Viewers, read.Viewers);
        Assert.Equal(AccessLevel.Read, read.AccessFor(Caller.WithToken(ViewerHash)));
        Assert.Equal(AccessLevel.Control, read.AccessFor(Caller.WithToken(SweepHash)));
        Assert.Equal(AccessLevel.Control, read.AccessFor(new Caller("acct_1", "")));
        Assert.Equal(AccessLevel.Control, read.AccessFor(new Caller(null, "", IsOperator: true)));
        Assert.Equal(AccessLevel.None, read.AccessFor(new Caller("acct_2", "")));
        Assert.Equal(AccessLevel.None, read.AccessFor(Caller.WithToken("")));
        Assert.Equal(AccessLevel.None, read.AccessFor(Caller.WithToken(ViewerHash[..^1] + "1")));
        Assert.True(read.AdmitsViewer(ViewerHash));
        Assert.False(read.AdmitsViewer(SweepHash));
    }
}
