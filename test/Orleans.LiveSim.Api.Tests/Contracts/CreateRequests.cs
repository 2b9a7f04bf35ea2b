using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Delivery;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.LiveSim.Grains.Recordings;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Api.Tests.Contracts;

/// <summary>The create endpoint's reading and checking, without a host: the body as the endpoint binds it, then the validator.</summary>
internal sealed class CreateRequests
{
    public static JsonSerializerOptions Json { get; } = RequestJson.Create(LiveSimHost.ConfigureJson(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    public InMemoryFeedJournal Journal { get; } = new(capacity: 100);

    public InMemoryRecordingStore Recordings { get; } = new(Options.Create(new RecordingOptions()));

    /// <summary>The deployment's event bus: none by default, as in the embedded default.</summary>
    public IEventBus Bus { get; init; } = new NoEventBus();

    public async Task<CreateSessionCheck> CheckAsync(string json)
    {
        var validator = new CreateSessionValidator(
            Options.Create(new LiveSimOptions { Feeds = { ["demo"] = new FeedDefinition() } }), Journal, Recordings, new RequestJsonOptions(Json), Bus);
        try
        {
            var request = RequestBody.Parse<CreateSessionRequest>(Encoding.UTF8.GetBytes(json), Json) ?? new CreateSessionRequest();
            return await validator.CheckAsync(request);
        }
        catch (InvalidRequestException e)
        {
            return new CreateSessionCheck(null, null, e.Status, e.Errors);
        }
    }

    /// <summary>The only field an invalid request names.</summary>
    public async Task<string> SingleErrorFieldAsync(string json)
    {
        var check = await CheckAsync(json);
        Assert.Null(check.Config);
        return Assert.Single(check.Errors).Key;
    }
}
