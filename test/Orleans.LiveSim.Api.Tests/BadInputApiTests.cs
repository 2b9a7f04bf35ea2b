using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>Hostile input over real HTTP: never a 500, always a ProblemDetails naming the field.</summary>
[Collection(HostCollection.Name)]
public sealed class BadInputApiTests(HostFixture host)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        return problem;
    }

    [Fact]
    public async Task A_create_body_over_the_limit_is_413_with_or_without_Content_Length()
    {
        using var withLength = await host.Http.PostAsync("/live-sim/sessions", new ByteArrayContent(new byte[40_000_000]));
        using var chunked = await host.Http.PostAsync("/live-sim/sessions", new ChunkedContent(2_000_000, (byte)' '));

        await ProblemAsync(withLength, HttpStatusCode.RequestEntityTooLarge, "$");
        await ProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "$");
    }

    [Fact]
    public async Task A_chunked_recording_upload_over_the_limit_is_413_and_stores_nothing()
    {
        var before = await host.Http.GetStringAsync("/live-sim/recordings");

        using var response = await host.Http.PostAsync("/live-sim/recordings?name=huge", new ChunkedContent((64L * 1024 * 1024) + (4 * 1024 * 1024), (byte)'\n'));

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "$");
        Assert.Contains("67108864", problem.GetProperty("errors").GetProperty("$")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await host.Http.GetStringAsync("/live-sim/recordings"));
    }

    [Theory]
    [InlineData("""{"feedId": "\ud800"}""", "feedId")]
    [InlineData("""{"\udc00": 1}""", "$")]
    [InlineData("""{"legacyStrategy": {"params": {"entry_tick": 10}, "name": "a\ud800"}}""", "legacyStrategy.name")]
    [InlineData("""{"startingBalance": 1e308}""", "startingBalance")]
    [InlineData("""{"strategy": {"params": {"betSizes": [0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001]}}}""", "strategy.params.betSizes")]
    public async Task Hostile_create_bodies_are_400_naming_the_field(string body, string field)
    {
        using var response = await host.Http.PostAsync("/live-sim/sessions", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999")]
    [InlineData("0")]
    public async Task A_bad_limit_on_the_listing_is_400_naming_limit(string limit)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/live-sim/sessions?limit={limit}");
        request.Headers.Add("X-Operator-Key", HostFixture.OperatorKey);

        using var response = await host.Http.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task A_create_body_is_read_whatever_its_content_type_says()
    {
        using var form = await host.Http.PostAsync("/live-sim/sessions", new StringContent("""{"startingBalance": 0.3}""", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var view = await form.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, form.StatusCode);
        Assert.Equal(0.3m, view.GetProperty("wallet").GetProperty("startingBalance").GetDecimal());
    }

    [Fact]
    public async Task A_replay_beyond_the_journal_is_409_naming_the_range_it_holds()
    {
        var feed = await host.Http.GetFromJsonAsync<JsonElement>("/live-sim/feeds/demo");
        var last = feed.GetProperty("lastSeq").GetInt64();

        using var response = await host.Http.PostAsync("/live-sim/sessions", new StringContent("{\"source\": {\"feedId\": \"demo\", \"fromSeq\": 1, \"toSeq\": " + (last + 1_000_000) + "}}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict, "source.toSeq");
        Assert.Equal(1, problem.GetProperty("availableFromSeq").GetInt64());
        Assert.True(problem.GetProperty("availableToSeq").GetInt64() >= last);
    }
}
