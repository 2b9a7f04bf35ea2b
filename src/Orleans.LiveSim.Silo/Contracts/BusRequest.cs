using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Delivery;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// The event types a session publishes on the event bus: the body of <c>PUT /live-sim/sessions/{id}/bus</c> (an empty
/// list turns the bus off), or a create request's <c>bus</c> (the bus then carries the session from its first event).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BusRequest
{
    /// <summary>live_tick, game_started, game_ended, bet_placed, bet_settled, bet_skipped, feed_gap or session_stopped; at most 8.</summary>
    [MaxLength(DeliveryRequestRules.MaxEvents)]
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>Minimal APIs bind the body through this: any content type, errors as 400/413; an empty body lacks <c>events</c>.</summary>
    public static async ValueTask<BusRequest?> BindAsync(HttpContext context) =>
        await RequestBody.ReadJsonAsync<BusRequest>(context) ?? new BusRequest();
}

/// <summary>The body of <c>POST /live-sim/sessions/{id}/webhooks</c>: where to POST which event types, signed with which secret.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record WebhookRequest
{
    /// <summary>An absolute http(s) URL of at most 2048 characters that resolves to public addresses (or a host in <c>LiveSim:Webhooks:AllowedHosts</c>).</summary>
    [MaxLength(DeliveryRequestRules.MaxUrlLength)]
    public string? Url { get; init; }

    /// <summary>The event types to POST, 1 to 8 of those the bus takes.</summary>
    [MaxLength(DeliveryRequestRules.MaxEvents)]
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>16 to 256 characters; <c>X-LiveSim-Signature</c> is <c>sha256=</c> and the hex HMAC-SHA256 of the body with it. Never shown again.</summary>
    [MinLength(DeliveryRequestRules.MinSecretLength)]
    [MaxLength(DeliveryRequestRules.MaxSecretLength)]
    public string? Secret { get; init; }

    /// <summary>Minimal APIs bind the body through this: any content type, errors as 400/413.</summary>
    public static async ValueTask<WebhookRequest?> BindAsync(HttpContext context) =>
        await RequestBody.ReadJsonAsync<WebhookRequest>(context) ?? new WebhookRequest();
}

/// <summary>The checks of the delivery requests, each error naming its field.</summary>
public static class DeliveryRequestRules
{
    public const int MaxEvents = 8;
    public const int MaxUrlLength = 2048;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    /// <summary>
    /// The distinct event types of <paramref name="events"/> (field <paramref name="field"/>), or null when refused.
    /// <paramref name="busEnabled"/> false refuses any type for the bus (the deployment has none).
    /// </summary>
    public static IReadOnlyList<string>? Events(IReadOnlyList<string>? events, string field, bool allowEmpty, bool? busEnabled, IDictionary<string, string[]> errors)
    {
        if (events is null)
        {
            errors[field] = [$"is required: a list of event types ({DeliveryEventTypes.Listed})."];
            return null;
        }

        if (events.Count > MaxEvents)
        {
            errors[field] = [$"may name at most {MaxEvents} event types."];
            return null;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not { } type || !DeliveryEventTypes.IsKnown(type))
            {
                errors[$"{field}[{i}]"] = [$"'{events[i]}' is not an event type ({DeliveryEventTypes.Listed})."];
            }
        }

        if (events.Count == 0 && !allowEmpty)
        {
            errors[field] = ["must name at least one event type."];
        }
        else if (events.Count > 0 && busEnabled == false)
        {
            errors[field] = [$"cannot be published: {Grains.Delivery.EventBusOptions.NotConfigured}"];
        }

        return errors.Keys.Any(k => k.StartsWith(field, StringComparison.Ordinal)) ? null : [.. events.Distinct()];
    }

    /// <summary>The secret, or null when refused.</summary>
    public static string? Secret(string? secret, IDictionary<string, string[]> errors)
    {
        if (secret is null || secret.Length is < MinSecretLength or > MaxSecretLength)
        {
            errors["secret"] = [$"is required: {MinSecretLength} to {MaxSecretLength} characters."];
            return null;
        }

        return secret;
    }
}
