using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.LiveSim.Grains.Recordings;

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
        group.MapPost("/", UploadAsync).WithName("UploadRecording").DisableAntiforgery();
        group.MapGet("/", ListAsync).WithName("ListRecordings");
        group.MapGet("/{recordingId}", GetAsync).WithName("GetRecording");
        return group;
    }

    public static async Task<Results<Created<RecordingInfo>, ProblemHttpResult>> UploadAsync(
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
            return TypedResults.Problem($"content must be '{RecordingInfo.ContentMessages}' (the capture's messages) or '{RecordingInfo.ContentHistory}' (the completed rounds in its gameHistory).", statusCode: StatusCodes.Status400BadRequest, title: "Invalid content.");
        }

        var max = config.GetValue("LiveSim:Recordings:MaxBytes", DefaultMaxBytes);
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + 1;
        }

        if (request.ContentLength > max)
        {
            return TooLarge(max);
        }

        // Read as a stream with a running limit: a chunked upload has no Content-Length to check up front.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return TooLarge(max);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return TypedResults.Problem("Send the capture (JSON lines {timestamp, event_type, data}) as the request body.", statusCode: StatusCodes.Status400BadRequest, title: "Empty recording.");
        }

        var info = await importer.ImportAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), name, content, cancellationToken);
        return TypedResults.Created($"/live-sim/recordings/{info.RecordingId}", info);
    }

    public static async Task<Ok<IReadOnlyList<RecordingInfo>>> ListAsync(IRecordingStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    public static async Task<Results<Ok<RecordingInfo>, ProblemHttpResult>> GetAsync(string recordingId, IRecordingStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(recordingId, cancellationToken) is { } info
            ? TypedResults.Ok(info)
            : TypedResults.Problem($"No recording '{recordingId}'.", statusCode: StatusCodes.Status404NotFound, title: "Recording not found.");

    private static ProblemHttpResult TooLarge(long max) =>
        TypedResults.Problem($"A recording may be at most {max} bytes (LiveSim:Recordings:MaxBytes).", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Recording too large.");
}
