using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>Feeds with their status and integrity counters.</summary>
public static class FeedsApi
{
    public static RouteGroupBuilder MapFeedsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/feeds").WithTags("Feeds");
        group.MapGet("/", ListAsync).WithName("ListFeeds");
        group.MapGet("/{feedId}", GetAsync).WithName("GetFeed").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{feedId}/start", StartAsync).WithName("StartFeed").RequireOperatorKey().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Operator control: starts a configured feed that is not started automatically (<c>AutoStart=false</c>).</summary>
    public static async Task<Results<Ok<FeedView>, ProblemHttpResult>> StartAsync(string feedId, IGrainFactory grains, IOptions<LiveSimOptions> options)
    {
        if (!options.Value.Feeds.ContainsKey(feedId))
        {
            return TypedResults.Problem($"No feed '{feedId}'.", statusCode: StatusCodes.Status404NotFound, title: "Feed not found.");
        }

        var feed = grains.GetGrain<IFeedAdapterGrain>(feedId);
        await feed.EnsureRunningAsync();
        return TypedResults.Ok(await feed.GetViewAsync());
    }

    public static async Task<Ok<FeedView[]>> ListAsync(IGrainFactory grains, IOptions<LiveSimOptions> options) =>
        TypedResults.Ok(await Task.WhenAll(options.Value.Feeds.Keys.Order(StringComparer.Ordinal).Select(id => grains.GetGrain<IFeedAdapterGrain>(id).GetViewAsync())));

    public static async Task<Results<Ok<FeedView>, ProblemHttpResult>> GetAsync(string feedId, IGrainFactory grains, IOptions<LiveSimOptions> options) =>
        options.Value.Feeds.ContainsKey(feedId)
            ? TypedResults.Ok(await grains.GetGrain<IFeedAdapterGrain>(feedId).GetViewAsync())
            : TypedResults.Problem($"No feed '{feedId}'.", statusCode: StatusCodes.Status404NotFound, title: "Feed not found.");
}
