using Microsoft.Extensions.DependencyInjection;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>A session whose room is on its own silo hands the room its events in process, not through an observer call.</summary>
[Collection(HostCollection.Name)]
public sealed class LocalDeliveryTests(HostFixture host)
{
    [Fact]
    public async Task A_stream_of_a_session_on_the_front_silo_gets_its_live_events_through_the_in_process_room()
    {
        var local = host.App.Services.GetRequiredService<LocalSessionObservers>();
        var s = await SessionClient.CreateAsync(host.Http);
        var before = local.Events;

        var items = await SessionClient.ReadStreamAsync(host.Http, s, 3, i => i.EventType == "live_tick");

        Assert.Equal(3, items.Count(i => i.EventType == "live_tick"));
        // The three live ticks came through the room in process (other tests' streams may add to the count too).
        Assert.True(local.Events - before >= 3, $"in-process events: {local.Events - before}");
    }
}
