using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>Liveness (the process answers) and readiness (the silo serves grains and the demo feed runs).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new HealthStatus("ok", null))).WithName("Health").WithTags("Health");
        app.MapGet("/ready", ReadyAsync).WithName("Ready").WithTags("Health").Produces<HealthStatus>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> ReadyAsync(IGrainFactory grains)
    {
        try
        {
            var feed = await grains.GetGrain<IFeedAdapterGrain>(LiveSimConstants.DemoFeedId).GetViewAsync().WaitAsync(TimeSpan.FromSeconds(5));
            return feed.Running
                ? TypedResults.Ok(new HealthStatus("ready", null))
                : TypedResults.Json(new HealthStatus("starting", "the demo feed is not running yet"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return TypedResults.Json(new HealthStatus("unavailable", ex.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

/// <summary>Answer of the health endpoints.</summary>
public sealed record HealthStatus(string Status, string? Reason);
