using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>The built-in strategies and their parameters.</summary>
public static class StrategiesApi
{
    public static RouteGroupBuilder MapStrategiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/strategies").WithTags("Strategies");
        group.MapGet("/", List).WithName("ListStrategies");
        return group;
    }

    public static Ok<IReadOnlyList<StrategyInfo>> List() => TypedResults.Ok(StrategyCatalog.All);
}
