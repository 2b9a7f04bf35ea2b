using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Delivery;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>What a create request asks for, checked: the session's config and source, or why not.</summary>
/// <param name="Config">The engine config (null when refused).</param>
/// <param name="Source">Where its ticks come from (null when refused).</param>
/// <param name="Status">400 (a field is invalid) or 409 (a replay range the journal does not hold in full); 0 when accepted.</param>
/// <param name="Errors">The refused fields and why.</param>
/// <param name="Available">The journal's range, when a replay range was refused.</param>
/// <param name="BusEvents">The event types to publish on the event bus from the first event on; null for none.</param>
public sealed record CreateSessionCheck(SessionConfig? Config, SessionSource? Source, int Status, IDictionary<string, string[]> Errors, (long FromSeq, long ToSeq)? Available = null, IReadOnlyList<string>? BusEvents = null);

/// <summary>
/// Checks a <see cref="CreateSessionRequest"/> in one place and maps it to the engine's <see cref="SessionConfig"/> and a
/// <see cref="SessionSource"/>. Every error names its field by its JSON path (<c>strategy.params.numBets</c>,
/// <c>legacyStrategy.params.num_bets</c>, <c>source.toSeq</c>); the engine's own rules (<see cref="SessionConfigRules"/>)
/// decide bounds, and are named by the field they were read from.
/// </summary>
public sealed partial class CreateSessionValidator(IOptions<LiveSimOptions> options, IFeedJournal journal, IRecordingStore recordings, RequestJsonOptions json, IEventBus bus)
{
    private const string LegacyProperty = "legacyStrategy";
    private static readonly string[] BodyFields = ["feedId", "source", "strategy", "startingBalance", "bus", LegacyProperty];

    // A body is itself a legacy file when it has one of these (the fields a legacy file cannot do without).
    private static readonly string[] LegacyMarkers = ["schema_version", "params", "execution", "entry_tick", "initial_balance"];

    public async Task<CreateSessionCheck> CheckAsync(CreateSessionRequest request, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var legacyBody = LegacyBody(request, errors);
        var config = Config(request, legacyBody, errors);
        var busEvents = request.Bus is { } busRequest ? DeliveryRequestRules.Events(busRequest.Events, "bus.events", allowEmpty: true, bus.Enabled, errors) : null;
        var (source, status, available) = await SourceAsync(request, legacyBody is not null, errors, cancellationToken);
        return errors.Count > 0
            ? new CreateSessionCheck(null, null, status, errors, available)
            : new CreateSessionCheck(config, source, 0, errors, BusEvents: busEvents is { Count: > 0 } ? busEvents : null);
    }

    /// <summary>The legacy file the body itself is, if it is one; otherwise its unknown fields are errors.</summary>
    private LegacyStrategyFile? LegacyBody(CreateSessionRequest request, Dictionary<string, string[]> errors)
    {
        if (request.OtherFields is not { Count: > 0 } fields)
        {
            return null;
        }

        if (!LegacyMarkers.Any(fields.ContainsKey))
        {
            foreach (var name in fields.Keys)
            {
                errors[name] = [$"is not a known field (expected {string.Join(", ", BodyFields)}, or a legacy strategy file)."];
            }

            return null;
        }

        try
        {
            var file = JsonSerializer.Deserialize<LegacyStrategyFile>(AsObject(fields), json.Value)!;
            return request.Source?.LegacyProvenance is { } provenance ? file with { Source = provenance } : file;
        }
        catch (JsonException e)
        {
            var (field, message) = RequestJson.Describe(e, json.Value);
            errors[field] = [message];
            return null;
        }
    }

    // The fields as one JSON object, each value as it was sent (still escaped), so a bad value is named by its own path.
    private static byte[] AsObject(Dictionary<string, JsonElement> fields)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static SessionConfig Config(CreateSessionRequest request, LegacyStrategyFile? legacyBody, Dictionary<string, string[]> errors)
    {
        var legacyFile = request.LegacyStrategy ?? legacyBody;
        if (request.Strategy is not null && legacyFile is not null)
        {
            errors["strategy"] = ["give either strategy or a legacy strategy file, not both."];
            return SessionConfig.Default;
        }

        var config = SessionConfig.Default;
        Func<string, string> fieldOf = name => name switch
        {
            "startingBalance" => "startingBalance",
            "strategyId" => "strategy.id",
            _ => $"strategy.params.{name}",
        };
        StrategyParams? parameters = request.Strategy?.Params;
        if (legacyFile is not null)
        {
            var prefix = request.LegacyStrategy is not null ? LegacyProperty : "";
            var legacy = LegacyStrategyMapping.Map(legacyFile, prefix, errors);
            parameters = legacy.Parameters;
            config = config with { StartingBalance = legacy.InitialBalance ?? config.StartingBalance, Name = legacy.Name, LegacyFormat = legacy.Format };
            fieldOf = name => name == "startingBalance" && request.StartingBalance is not null
                ? name
                : legacy.FieldOf.TryGetValue(BaseName(name), out var field) ? field + name[BaseName(name).Length..] : prefix.Length == 0 ? name : $"{prefix}.{name}";
        }

        var (mapped, parameterErrors) = StrategyParamsMapping.ToParameters(parameters);
        config = config with
        {
            StrategyId = request.Strategy?.Id ?? config.StrategyId,
            Parameters = mapped,
            StartingBalance = request.StartingBalance ?? config.StartingBalance,
        };
        foreach (var error in parameterErrors.Concat(SessionConfigRules.Validate(config)))
        {
            errors.TryAdd(fieldOf(error.Field), [error.Message]);
        }

        return config;
    }

    private static string BaseName(string name) => name.IndexOf('[') is var i and >= 0 ? name[..i] : name;

    private async Task<(SessionSource? Source, int Status, (long, long)? Available)> SourceAsync(
        CreateSessionRequest request, bool bodyIsLegacyFile, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var feedId = request.FeedId ?? LiveSimConstants.DemoFeedId;
        if (string.IsNullOrWhiteSpace(feedId))
        {
            errors["feedId"] = ["must be a feed id (GET /live-sim/feeds)."];
            return (null, 400, null);
        }

        var replay = request.Source;
        if (replay?.LegacyProvenance is not null)
        {
            if (!bodyIsLegacyFile)
            {
                errors["source"] = ["must be an object: {\"recordingId\", \"speed\"} or {\"feedId\", \"fromSeq\", \"toSeq\", \"speed\"}."];
            }

            replay = null;
        }

        if (replay is null)
        {
            if (!options.Value.Feeds.ContainsKey(feedId))
            {
                errors["feedId"] = [$"'{feedId}' is not a configured feed ({string.Join(", ", options.Value.Feeds.Keys)})."];
            }

            return (new SessionSource(feedId, SessionMode.Live, Provider: options.Value.Feeds.GetValueOrDefault(feedId)?.Provider), 400, null);
        }

        return await ReplayAsync(replay, replay.FeedId ?? feedId, errors, cancellationToken);
    }

    private async Task<(SessionSource? Source, int Status, (long, long)? Available)> ReplayAsync(
        ReplaySourceRequest replay, string feedId, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        ProviderKind? provider = options.Value.Feeds.GetValueOrDefault(feedId)?.Provider;
        if (replay.RecordingId is not null)
        {
            if (replay.FeedId is not null)
            {
                errors["source.feedId"] = ["give either recordingId or feedId, not both."];
            }

            if (await recordings.GetAsync(replay.RecordingId, cancellationToken) is not { } recording)
            {
                errors["source.recordingId"] = ["is not the id of an uploaded recording (see GET /live-sim/recordings)."];
                return (null, 400, null);
            }

            (feedId, provider) = (recording.FeedId, ProviderKind.Recording);
        }
        else if (provider is null)
        {
            errors[replay.FeedId is not null ? "source.feedId" : "feedId"] = [$"'{feedId}' is not a configured feed ({string.Join(", ", options.Value.Feeds.Keys)})."];
        }

        foreach (var (name, seq) in new[] { ("fromSeq", replay.FromSeq), ("toSeq", replay.ToSeq) })
        {
            if (seq < 1)
            {
                errors[$"source.{name}"] = ["must be an integer >= 1."];
            }
        }

        if (replay.ToSeq < replay.FromSeq)
        {
            errors.TryAdd("source.toSeq", ["must not be below fromSeq."]);
        }

        if (errors.Count > 0)
        {
            return (null, 400, null);
        }

        // The journal may not hold the whole range (the in-memory one keeps the newest 200,000 entries of a feed): a
        // replay of part of what was asked for must never look like a full one, so it is refused, saying what is held.
        var first = await journal.GetFirstSeqAsync(feedId, cancellationToken);
        var last = await journal.GetLastSeqAsync(feedId, cancellationToken);
        var from = replay.FromSeq ?? first;
        var to = replay.ToSeq ?? last;
        if (last == 0 || from < first || from > last || to > last)
        {
            var field = last == 0 ? "source" : from < first || from > last ? "source.fromSeq" : "source.toSeq";
            errors[field] = [last == 0
                ? $"cannot replay yet: the journal of feed '{feedId}' holds no entries."
                : $"asks for seq {from}..{replay.ToSeq}, but the journal of feed '{feedId}' holds seq {first}..{last}: replay a range inside it."];
            return (null, StatusCodes.Status409Conflict, (first, last));
        }

        return (new SessionSource(feedId, SessionMode.Replay, from, to, replay.Speed ?? ReplaySpeed.Max, replay.RecordingId, provider), 400, null);
    }
}
