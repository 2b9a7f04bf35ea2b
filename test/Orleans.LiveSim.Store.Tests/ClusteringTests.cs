using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.LiveSim.Store.Tests.Grains;
using Orleans.LiveSim.Store.Tests.Infrastructure;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;

namespace Orleans.LiveSim.Store.Tests;

/// <summary>AdoNetClusteringTable and AdoNetGatewayListProvider against our membership queries.</summary>
[Collection(AdoNetClusterCollection.Name)]
public sealed class ClusteringTests(AdoNetClusterFixture fixture)
{
    private const int Active = (int)SiloStatus.Active;
    private const int Dead = (int)SiloStatus.Dead;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_running_silo_is_Active_in_OrleansMembershipTable_and_the_client_reached_it_through_the_gateway_query()
    {
        var silo = fixture.Cluster.Silos[0];

        var rows = await Poll.UntilAsync(
            () => MembersAsync(fixture.ConnectionString, fixture.ClusterId),
            members => members.Count == 1 && members[0].Status == Active,
            Deadline,
            "one Active member");
        // A grain call from the client proves GatewaysQueryKey returned the silo's proxy port.
        var answer = await fixture.Client.GetGrain<IStringCounterGrain>($"ping-{Guid.NewGuid():N}").GetAsync();

        var member = Assert.Single(rows);
        Assert.Equal(
            (silo.SiloAddress.Endpoint.Address.ToString(), silo.SiloAddress.Endpoint.Port, silo.SiloAddress.Generation, Active, silo.GatewayAddress.Endpoint.Port),
            (member.Address, member.Port, member.Generation, member.Status, member.ProxyPort));
        Assert.Equal(new CounterSnapshot(0, "", null, false), answer);
    }

    [Fact]
    public async Task Two_silos_form_one_cluster_and_a_stopped_silo_is_marked_Dead()
    {
        var clusterId = $"two-{Guid.NewGuid():N}";
        var cluster = TestSilo.Build(fixture.ConnectionString, silos: 2, clusterId, $"svc-{Guid.NewGuid():N}");
        await cluster.DeployAsync();
        try
        {
            var expected = cluster.Silos
                .Select(s => (s.SiloAddress.Endpoint.Address.ToString(), s.SiloAddress.Endpoint.Port, s.SiloAddress.Generation))
                .Order()
                .ToArray();

            var members = await Poll.UntilAsync(
                () => MembersAsync(fixture.ConnectionString, clusterId),
                rows => rows.Count(r => r.Status == Active) == 2,
                Deadline,
                "two Active members");
            var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

            Assert.Equal(expected, members.Select(m => (m.Address, m.Port, m.Generation)).Order().ToArray());
            Assert.Equal(
                cluster.Silos.Select(s => s.SiloAddress).Order().ToArray(),
                hosts.Keys.Order().ToArray());

            var stopped = cluster.Silos[1];
            await cluster.StopSiloAsync(stopped);

            var after = await Poll.UntilAsync(
                () => MembersAsync(fixture.ConnectionString, clusterId),
                rows => rows.Any(r => r.Port == stopped.SiloAddress.Endpoint.Port && r.Status == Dead),
                Deadline,
                "the stopped silo marked Dead");
            Assert.Equal(
                [(stopped.SiloAddress.Endpoint.Port, Dead), (cluster.Silos[0].SiloAddress.Endpoint.Port, Active)],
                after.Select(r => (r.Port, r.Status)).OrderBy(r => r.Status == Active).ToArray());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_membership_table_does_compare_and_swap_on_its_version_and_cleans_up()
    {
        var clusterId = $"direct-{Guid.NewGuid():N}";
        var table = new AdoNetClusteringTable(
            fixture.SiloServices,
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = fixture.ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = TestSilo.Invariant, ConnectionString = fixture.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);

        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        var empty = await table.ReadAllAsync(CancellationToken.None);
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var longAgo = DateTime.UtcNow.AddHours(-2);
        var dead = Entry(30001, longAgo, SiloStatus.Active);
        var live = Entry(30002, DateTime.UtcNow, SiloStatus.Active);

        Assert.True(await table.InsertRowAsync(dead, empty.Version.Next(), CancellationToken.None));
        // The version moved on, so an insert with the old one fails; so does a duplicate silo.
        Assert.False(await table.InsertRowAsync(live, empty.Version.Next(), CancellationToken.None));
        var one = await table.ReadAllAsync(CancellationToken.None);
        Assert.False(await table.InsertRowAsync(dead, one.Version.Next(), CancellationToken.None));
        Assert.True(await table.InsertRowAsync(live, one.Version.Next(), CancellationToken.None));

        var two = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(2, two.Version.Version);
        Assert.Equal(2, two.Members.Count);
        var (deadEntry, deadEtag) = two.Members.Single(m => m.Item1.SiloAddress.Equals(dead.SiloAddress));
        deadEntry.Status = SiloStatus.Dead;
        deadEntry.AddSuspector(live.SiloAddress, DateTime.UtcNow.AddHours(-2));
        Assert.True(await table.UpdateRowAsync(deadEntry, deadEtag, two.Version.Next(), CancellationToken.None));
        Assert.False(await table.UpdateRowAsync(deadEntry, deadEtag, two.Version.Next(), CancellationToken.None));

        var three = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(3, three.Version.Version);
        var reread = Assert.Single((await table.ReadRowAsync(dead.SiloAddress, CancellationToken.None)).Members).Item1;
        Assert.Equal(SiloStatus.Dead, reread.Status);
        Assert.Equal(live.SiloAddress, Assert.Single(reread.SuspectTimes ?? []).Item1);

        live.IAmAliveTime = DateTime.UtcNow;
        await table.UpdateIAmAliveAsync(live, CancellationToken.None);
        Assert.Equal(3, (await table.ReadAllAsync(CancellationToken.None)).Version.Version);

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);
        var remaining = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(live.SiloAddress, Assert.Single(remaining.Members).Item1.SiloAddress);

        await table.DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);
        var leftovers = await PostgresServer.QueryAsync(
            fixture.ConnectionString,
            "SELECT (SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @id) + " +
            "(SELECT count(*) FROM orleansmembershipversiontable WHERE deploymentid = @id)",
            ("id", clusterId));
        Assert.Equal(0L, leftovers[0][0]);
    }

    private static MembershipEntry Entry(int port, DateTime startTime, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
        SiloName = $"silo-{port}",
        HostName = "test-host",
        Status = status,
        ProxyPort = port + 1000,
        StartTime = startTime,
        IAmAliveTime = startTime,
    };

    private static async Task<List<MemberRow>> MembersAsync(string connectionString, string clusterId)
    {
        var rows = await PostgresServer.QueryAsync(
            connectionString,
            "SELECT address, port, generation, status, proxyport FROM orleansmembershiptable WHERE deploymentid = @id",
            ("id", clusterId));
        return rows.Select(r => new MemberRow((string)r[0]!, (int)r[1]!, (int)r[2]!, (int)r[3]!, (int?)r[4])).ToList();
    }

    private sealed record MemberRow(string Address, int Port, int Generation, int Status, int? ProxyPort);
}
