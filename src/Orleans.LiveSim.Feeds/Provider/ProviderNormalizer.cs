using System.Globalization;
using System.Text.Json;
using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Feeds.Provider;

/// <summary>
/// Turns one raw provider message (event name + raw JSON payload) into observations. Never throws: a message
/// that cannot be read is counted as malformed, kept in a bounded quarantine and yields nothing. Not thread-safe;
/// one instance per feed, fed in arrival order.
/// </summary>
public sealed class ProviderNormalizer(ProviderNormalizerOptions? options = null)
{
    private readonly ProviderNormalizerOptions _options = options ?? new ProviderNormalizerOptions();
    private readonly Queue<QuarantinedMessage> _quarantine = new();
    private readonly List<ProviderObservation> _scratch = [];
    private DateTimeOffset? _lastReceivedAt;

    /// <summary>Messages seen (every event, ignored ones included).</summary>
    public long Messages { get; private set; }

    /// <summary>Messages rejected as malformed.</summary>
    public long Malformed { get; private set; }

    /// <summary>Game-state updates without <c>tickCount</c>/<c>price</c>.</summary>
    public long PartialUpdates { get; private set; }

    /// <summary>Messages whose payload was a list (a trace object and a payload, or several updates).</summary>
    public long ListPayloads { get; private set; }

    /// <summary>Messages of events other than the game-state events (trades, side games), ignored.</summary>
    public long Ignored { get; private set; }

    /// <summary>The newest malformed messages, oldest first.</summary>
    public IReadOnlyList<QuarantinedMessage> Quarantine => [.. _quarantine];

    /// <summary>
    /// Normalizes one message and appends its observations to <paramref name="into"/> in the order the
    /// integrity checker needs them: history first, then partial prices, then the tick.
    /// </summary>
    /// <returns>False when the message was malformed (nothing appended).</returns>
    public bool Normalize(string eventName, string rawPayload, DateTimeOffset receivedAt, List<ProviderObservation> into)
    {
        Messages++;
        try
        {
            if (!IsGameStateEvent(eventName))
            {
                // Not parsed (trades and side games are not our business), only counted.
                Ignored++;
                if (rawPayload.AsSpan().TrimStart().StartsWith("["))
                {
                    ListPayloads++;
                }

                return true;
            }

            if (_lastReceivedAt is { } last && receivedAt < last)
            {
                return Reject(eventName, rawPayload, receivedAt, $"timestamp {receivedAt:O} is before the previous message's {last:O}");
            }

            _scratch.Clear();
            var partials = 0;
            using (var document = JsonDocument.Parse(rawPayload))
            {
                var root = document.RootElement;
                string? error;
                if (root.ValueKind == JsonValueKind.Array)
                {
                    ListPayloads++;
                    error = ReadList(root, receivedAt, ref partials);
                }
                else
                {
                    error = ReadUpdate(root, receivedAt, ref partials);
                }

                if (error is not null)
                {
                    return Reject(eventName, rawPayload, receivedAt, error);
                }
            }

            _lastReceivedAt = receivedAt;
            PartialUpdates += partials;
            into.AddRange(_scratch);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException or InvalidOperationException or ArgumentException)
        {
            return Reject(eventName, rawPayload, receivedAt, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>Counts and quarantines a message that could not even be framed (e.g. an unreadable recording line).</summary>
    public void ReportMalformed(string eventName, string raw, DateTimeOffset receivedAt, string reason)
    {
        Messages++;
        Reject(eventName, raw, receivedAt, reason);
    }

    private bool IsGameStateEvent(string eventName)
    {
        foreach (var name in _options.GameStateEvents)
        {
            if (string.Equals(name, eventName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool Reject(string eventName, string raw, DateTimeOffset receivedAt, string reason)
    {
        Malformed++;
        if (_options.QuarantineCapacity > 0)
        {
            while (_quarantine.Count >= _options.QuarantineCapacity)
            {
                _quarantine.Dequeue();
            }

            var kept = raw.Length <= _options.QuarantineMaxChars ? raw : raw[.._options.QuarantineMaxChars];
            _quarantine.Enqueue(new QuarantinedMessage(receivedAt, eventName, kept, reason));
        }

        return false;
    }

    private string? ReadList(JsonElement list, DateTimeOffset receivedAt, ref int partials)
    {
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            // Traced emits put a {"__trace": ...} object before the payload.
            if (index++ == 0 && item.ValueKind == JsonValueKind.Object && item.TryGetProperty("__trace", out _))
            {
                continue;
            }

            var error = item.ValueKind switch
            {
                JsonValueKind.Object => ReadUpdate(item, receivedAt, ref partials),
                JsonValueKind.Array => ReadList(item, receivedAt, ref partials),
                _ => $"list element {index - 1} is {item.ValueKind}, not an object",
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private string? ReadUpdate(JsonElement update, DateTimeOffset receivedAt, ref int partials)
    {
        if (update.ValueKind != JsonValueKind.Object)
        {
            return $"payload is {update.ValueKind}, not an object";
        }

        if (!TryGetString(update, "gameId", out var gameId, out var error) || string.IsNullOrEmpty(gameId))
        {
            return error ?? "gameId is missing or empty";
        }

        if (!TryGetBool(update, "active", out var active, out error)
            || !TryGetBool(update, "rugged", out var rugged, out error)
            || !TryGetBool(update, "allowPreRoundBuys", out var preRoundBuys, out error)
            || !TryGetInt(update, "cooldownTimer", out var cooldownTimer, out error)
            || !TryGetInt(update, "tickCount", out var tickCount, out error)
            || !TryGetPrice(update, "price", out var price, out error))
        {
            return error;
        }

        if (update.TryGetProperty("gameHistory", out var history) && history.ValueKind != JsonValueKind.Null)
        {
            error = ReadHistory(history, receivedAt);
            if (error is not null)
            {
                return error;
            }
        }

        if (update.TryGetProperty("partialPrices", out var partialPrices) && partialPrices.ValueKind != JsonValueKind.Null)
        {
            error = ReadPartialPrices(gameId, partialPrices, receivedAt);
            if (error is not null)
            {
                return error;
            }
        }

        var phase = rugged == true ? GamePhase.Rugged
            : active == true ? GamePhase.Active
            : preRoundBuys == true ? GamePhase.Presale
            : GamePhase.Cooldown;

        if (tickCount is null && price is null)
        {
            partials++;
            _scratch.Add(new PartialUpdateObservation(gameId, phase, cooldownTimer, receivedAt));
            return null;
        }

        if (tickCount is null || price is null)
        {
            return tickCount is null ? "price without tickCount" : "tickCount without price";
        }

        if (tickCount < 0)
        {
            return $"tickCount {tickCount} is negative";
        }

        _scratch.Add(new TickObservation(gameId, tickCount.Value, price.Value, active == true, rugged == true, phase, cooldownTimer, receivedAt));
        return null;
    }

    private string? ReadPartialPrices(string gameId, JsonElement partialPrices, DateTimeOffset receivedAt)
    {
        if (partialPrices.ValueKind != JsonValueKind.Object)
        {
            return "partialPrices is not an object";
        }

        if (!TryGetInt(partialPrices, "startTick", out var start, out var error) || !TryGetInt(partialPrices, "endTick", out var end, out error))
        {
            return "partialPrices." + error;
        }

        if (!partialPrices.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            return "partialPrices.values is missing or not an object";
        }

        var map = new Dictionary<int, decimal>();
        foreach (var property in values.EnumerateObject())
        {
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var tick))
            {
                return $"partialPrices.values key '{property.Name}' is not a tick";
            }

            if (!TryReadPrice(property.Value, out var price, out error))
            {
                return $"partialPrices.values[{property.Name}] {error}";
            }

            map[tick] = price;
        }

        if (map.Count > 0)
        {
            _scratch.Add(new PartialPricesObservation(gameId, start ?? map.Keys.Min(), end ?? map.Keys.Max(), map, receivedAt));
        }

        return null;
    }

    private string? ReadHistory(JsonElement history, DateTimeOffset receivedAt)
    {
        if (history.ValueKind != JsonValueKind.Array)
        {
            return "gameHistory is not a list";
        }

        var rounds = new List<CompletedRound>();
        foreach (var round in history.EnumerateArray())
        {
            // History is auxiliary: a round without a usable id or prices is skipped, not fatal.
            if (round.ValueKind != JsonValueKind.Object
                || !round.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !round.TryGetProperty("prices", out var prices) || prices.ValueKind != JsonValueKind.Array
                || prices.GetArrayLength() == 0)
            {
                continue;
            }

            var list = new List<decimal>(prices.GetArrayLength());
            foreach (var price in prices.EnumerateArray())
            {
                if (!TryReadPrice(price, out var value, out _))
                {
                    list = null;
                    break;
                }

                list.Add(value);
            }

            if (list is not null)
            {
                DateTimeOffset? endedAt = round.TryGetProperty("timestamp", out var ts) && ts.ValueKind == JsonValueKind.Number && ts.TryGetInt64(out var ms)
                    && ms is > 0 and < 253402300800000
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                    : null;
                rounds.Add(new CompletedRound(id.GetString()!, list, endedAt));
            }
        }

        if (rounds.Count > 0)
        {
            _scratch.Add(new GameHistoryObservation(rounds, receivedAt));
        }

        return null;
    }

    private static bool TryGetString(JsonElement obj, string name, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"{name} is {element.ValueKind}, not a string";
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static bool TryGetBool(JsonElement obj, string name, out bool? value, out string? error)
    {
        value = null;
        error = null;
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            error = $"{name} is {element.ValueKind}, not a boolean";
            return false;
        }

        value = element.GetBoolean();
        return true;
    }

    private static bool TryGetInt(JsonElement obj, string name, out int? value, out string? error)
    {
        value = null;
        error = null;
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number))
        {
            error = $"{name} is not an integer";
            return false;
        }

        value = number;
        return true;
    }

    private static bool TryGetPrice(JsonElement obj, string name, out decimal? value, out string? error)
    {
        value = null;
        error = null;
        if (!obj.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (!TryReadPrice(element, out var price, out error))
        {
            error = $"{name} {error}";
            return false;
        }

        value = price;
        return true;
    }

    private static bool TryReadPrice(JsonElement element, out decimal price, out string? error)
    {
        price = 0;
        error = null;

        // GetDecimal parses the JSON number text itself, so no binary double rounding enters the money path.
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out price))
        {
            error = $"is {element.ValueKind} '{Shorten(element.GetRawText())}', not a decimal number";
            return false;
        }

        if (price <= 0)
        {
            error = $"{price.ToString(CultureInfo.InvariantCulture)} is not positive";
            return false;
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40];
}
