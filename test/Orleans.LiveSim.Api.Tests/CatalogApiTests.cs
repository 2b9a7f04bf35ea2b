using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.LiveSim.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class CatalogApiTests(HostFixture host)
{
    [Fact]
    public async Task Strategies_lists_the_tick_schedule_with_typed_bounded_parameters()
    {
        var strategies = await host.Http.GetFromJsonAsync<JsonElement>("/live-sim/strategies");

        var schedule = strategies.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "tick-schedule");
        var entry = schedule.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "entryTick");
        Assert.Equal("integer", entry.GetProperty("type").GetString());
        Assert.Equal("200", entry.GetProperty("default").GetString());
    }

    [Fact]
    public async Task Feeds_show_the_demo_feed_running_with_its_counters_and_unknown_feeds_are_404()
    {
        var feeds = await host.Http.GetFromJsonAsync<JsonElement>("/live-sim/feeds");
        var demo = feeds.EnumerateArray().Single(f => f.GetProperty("feedId").GetString() == "demo");
        using var unknown = await host.Http.GetAsync("/live-sim/feeds/nope");

        Assert.Equal("synthetic", demo.GetProperty("provider").GetString());
        Assert.True(demo.GetProperty("running").GetBoolean());
        Assert.Equal(0, demo.GetProperty("counters").GetProperty("malformed").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        using var health = await host.Http.GetAsync("/health");
        using var ready = await host.Http.GetAsync("/ready");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_needs_the_operator_key()
    {
        using var browser = new HttpClient { BaseAddress = host.BaseAddress };
        using var without = await browser.GetAsync("/dashboard/");
        using var with = await browser.GetAsync($"/dashboard/?operator_key={HostFixture.OperatorKey}");
        using var cookie = await browser.GetAsync("/dashboard/");
        using var feedStart = await browser.PostAsync("/live-sim/feeds/demo/start", null);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cookie.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, feedStart.StatusCode);
    }
}
