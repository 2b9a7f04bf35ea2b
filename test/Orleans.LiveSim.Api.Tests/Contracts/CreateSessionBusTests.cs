using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.Api.Tests.Contracts;

/// <summary>The <c>bus</c> field of a create request: the event types the session publishes from its first event.</summary>
public sealed class CreateSessionBusTests
{
    private readonly CreateRequests _withBus = new() { Bus = new ConfiguredBus() };

    [Fact]
    public async Task Bus_events_are_taken_once_each_in_the_order_given()
    {
        var check = await _withBus.CheckAsync("""{"bus": {"events": ["bet_settled", "live_tick", "bet_settled", "session_stopped"]}}""");

        Assert.Empty(check.Errors);
        Assert.Equal(["bet_settled", "live_tick", "session_stopped"], check.BusEvents);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"bus": {"events": []}}""")]
    public async Task No_bus_events_publish_nothing(string body)
    {
        var check = await _withBus.CheckAsync(body);

        Assert.Empty(check.Errors);
        Assert.Null(check.BusEvents);
    }

    [Theory]
    [InlineData("""{"bus": {"events": ["bet_placed", "trade"]}}""", "bus.events[1]")]
    [InlineData("""{"bus": {"events": ["bet_placed", null]}}""", "bus.events[1]")]
    [InlineData("""{"bus": {}}""", "bus.events")]
    [InlineData("""{"bus": {"events": "bet_placed"}}""", "bus.events")]
    [InlineData("""{"bus": {"events": ["a", "b", "c", "d", "e", "f", "g", "h", "i"]}}""", "bus.events")]
    [InlineData("""{"bus": {"evnts": ["bet_placed"]}}""", "bus.evnts")]
    [InlineData("""{"bus": ["bet_placed"]}""", "bus")]
    public async Task Invalid_bus_field_is_named_in_the_error(string body, string field)
    {
        Assert.Equal(field, await _withBus.SingleErrorFieldAsync(body));
    }

    [Fact]
    public async Task Bus_events_without_a_bus_in_the_deployment_are_refused_naming_bus_events()
    {
        var check = await new CreateRequests().CheckAsync("""{"bus": {"events": ["bet_placed"]}}""");

        Assert.Equal(400, check.Status);
        Assert.Equal(["cannot be published: " + EventBusOptions.NotConfigured], Assert.Single(check.Errors, e => e.Key == "bus.events").Value);
    }

    /// <summary>A deployment with a bus; the validator only asks whether there is one.</summary>
    private sealed class ConfiguredBus : IEventBus
    {
        public bool Enabled => true;

        public BusCursor Open(string sessionId, string? accountId) => throw new NotSupportedException();

        public void Release(BusCursor cursor) => throw new NotSupportedException();

        public int Offer(BusCursor cursor, int epoch, IReadOnlyList<SessionEventEnvelope> events, int start) => throw new NotSupportedException();

        public Task<long?> LastPublishedAsync(BusCursor cursor, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
