using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Recordings;
using Orleans.LiveSim.Grains.Recordings;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>
/// Recordings: upload a provider capture (JSON lines <c>{timestamp, event_type, data}</c>, streamed, size-limited),
/// list them, and replay one with <c>POST /live-sim/sessions</c> and <c>"source": {"recordingId": ..., "speed": "max"}</c>.
/// <c>?content=history</c> imports the completed rounds the capture's <c>gameHistory</c> lists instead of its messages.
/// </summary>
public static class RecordingsApi
{
    /// <summary>Largest capture accepted. Default 64 MiB (configurable: <c>LiveSim:Recordings:MaxBytes</c>).</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    public static RouteGroupBuilder MapRecordingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/recordings").WithTags("Recordings");
        group.MapPost("/", UploadAsync).WithName("UploadRecording").DisableAntiforgery()
            .ReadsBody<string>("application/x-ndjson", required: true)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .OptionallySecuredBy(ApiReference.ApiKey, ApiReference.ApiKeyAuthorization);
        group.MapGet("/", ListAsync).WithName("ListRecordings");
        group.MapGet("/{recordingId}", GetAsync).WithName("GetRecording").ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Created<RecordingInfo>, ValidationProblem>> UploadAsync(
        HttpRequest request,
        RecordingImporter importer,
        IConfiguration config,
        string? name,
        string? content,
        CancellationToken cancellationToken)
    {
        content ??= RecordingInfo.ContentMessages;
        if (content is not (RecordingInfo.ContentMessages or RecordingInfo.ContentHistory))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["content"] = [$"must be '{RecordingInfo.ContentMessages}' (the capture's messages) or '{RecordingInfo.ContentHistory}' (the completed rounds in its gameHistory)."] },
                title: "Invalid content.");
        }

        // Counted as it arrives, so a chunked upload without Content-Length is refused (413) at the limit too.
        var capture = await RequestBody.ReadAsync(request, config.GetValue("LiveSim:Recordings:MaxBytes", DefaultMaxBytes), "A recording (LiveSim:Recordings:MaxBytes)", cancellationToken);
        if (capture.IsEmpty)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["$"] = ["Send the capture (JSON lines {timestamp, event_type, data}) as the request body."] },
                title: "Empty recording.");
        }

        var info = await importer.ImportAsync(capture, name, content, cancellationToken);
        return TypedResults.Created($"/live-sim/recordings/{info.RecordingId}", info);
    }

    public static async Task<Ok<IReadOnlyList<RecordingInfo>>> ListAsync(IRecordingStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    public static async Task<Results<Ok<RecordingInfo>, ProblemHttpResult>> GetAsync(string recordingId, IRecordingStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(recordingId, cancellationToken) is { } info
            ? TypedResults.Ok(info)
            : TypedResults.Problem($"No recording '{recordingId}'.", statusCode: StatusCodes.Status404NotFound, title: "Recording not found.");
}
