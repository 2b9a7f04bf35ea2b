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
    public async Task Operators_list_every_session_newest_first_page_by_page_and_anonymous_callers_are_refused()
    {
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await SessionClient.CreateAsync(host.Http)).Id);
        }

        var seen = new List<(string Id, DateTimeOffset CreatedAt)>();
        string? after = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sessions?limit=50{(after is null ? "" : $"&after={after}")}");
            request.Headers.Add("X-Operator-Key", HostFixture.OperatorKey);
            using var response = await host.Http.SendAsync(request);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            seen.AddRange(page.GetProperty("sessions").EnumerateArray().Select(s => (s.GetProperty("id").GetString()!, s.GetProperty("createdAt").GetDateTimeOffset())));
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);
        using var anonymous = await host.Http.GetAsync("/live-sim/sessions");

        Assert.Subset(seen.Select(s => s.Id).ToHashSet(), created.ToHashSet());
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal), seen);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Metrics_count_what_feeds_publish_and_sessions_apply()
    {
        var s = await SessionClient.CreateAsync(host.Http);
        await Poll.UntilAsync(() => SessionClient.GetViewAsync(host.Http, s), v => v.GetProperty("stats").GetProperty("ticksProcessed").GetInt64() >= 3, "three ticks applied");

        var metrics = await Poll.UntilAsync(
            () => host.Http.GetStringAsync("/metrics"),
            text => MetricsText.Value(text, "livesim_session_ticks_total") >= 3 && MetricsText.Value(text, "livesim_sessions_created_total") >= 1,
            "the session counters in /metrics");

        Assert.True(MetricsText.Value(metrics, "livesim_feed_entries_total") >= 3);
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
