using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// The body of <c>POST /live-sim/sessions</c>. Every field is optional and an empty body means every default: a live
/// session on the <c>demo</c> feed running the tick schedule with its defaults on 0.1 of paper money.
/// <para>A legacy strategy file (v1 or v2) goes under <c>legacyStrategy</c>, or is the body itself: its fields
/// (<c>schema_version</c>, <c>params</c>, <c>execution</c>, <c>entry_tick</c>, <c>initial_balance</c>, ...) then sit beside
/// the request's own and are kept aside. Any other unknown field is an error naming it.</para>
/// </summary>
public sealed record CreateSessionRequest
{
    /// <summary>The live feed to follow (<c>GET /live-sim/feeds</c>). Default <c>demo</c>.</summary>
    public string? FeedId { get; init; }

    /// <summary>A replay instead of the live feed.</summary>
    public ReplaySourceRequest? Source { get; init; }

    /// <summary>The strategy and its parameters. Not together with a legacy strategy file.</summary>
    public StrategyRequest? Strategy { get; init; }

    /// <summary>Paper money the wallet starts with, in (0, 1000000]. Default 0.1, or the legacy file's <c>initial_balance</c>.</summary>
    public decimal? StartingBalance { get; init; }

    /// <summary>Event types to publish on the event bus from the session's first event on (as <c>PUT .../bus</c> takes them). Default none.</summary>
    public BusRequest? Bus { get; init; }

    /// <summary>A legacy strategy file as it is.</summary>
    public LegacyStrategyFile? LegacyStrategy { get; init; }

    /// <summary>The fields of a legacy strategy file sent as the body itself (anything else here is an unknown field).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }

    /// <summary>Minimal APIs bind the body through this: any content type, an empty body as every default, errors as 400/413.</summary>
    public static async ValueTask<CreateSessionRequest?> BindAsync(HttpContext context) =>
        await RequestBody.ReadJsonAsync<CreateSessionRequest>(context) ?? new CreateSessionRequest();
}
