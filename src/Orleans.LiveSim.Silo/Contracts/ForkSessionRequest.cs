using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// The body of <c>POST /live-sim/sessions/{id}/fork</c>. Every field is optional; an empty body forks the session as it
/// is: same strategy and parameters, same starting balance, from its first seq (so the fork has its stateHash at every
/// seq both have applied).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ForkSessionRequest
{
    /// <summary>The first feed seq the fork applies (the journal must hold it). Default: the parent's first seq.</summary>
    public long? FromSeq { get; init; }

    /// <summary>New parameters: those given replace the parent's, the others stay as the parent's. Default: the parent's strategy.</summary>
    public StrategyRequest? Strategy { get; init; }

    /// <summary>Paper money the fork's wallet starts with, in (0, 1000000]. Default: the parent's starting balance.</summary>
    public decimal? StartingBalance { get; init; }

    /// <summary>Minimal APIs bind the body through this: any content type, an empty body as every default, errors as 400/413.</summary>
    public static async ValueTask<ForkSessionRequest?> BindAsync(HttpContext context) =>
        await RequestBody.ReadJsonAsync<ForkSessionRequest>(context) ?? new ForkSessionRequest();
}
