using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Quotas;
using Orleans.LiveSim.Abstractions.Recordings;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Recordings;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>
/// Recordings: upload a provider capture (JSON lines <c>{timestamp, event_type, data}</c>, streamed, size-limited),
/// list them, delete them, and replay one with <c>POST /live-sim/sessions</c> and <c>"source": {"recordingId": ..., "speed": "max"}</c>.
/// <c>?content=history</c> imports the completed rounds the capture's <c>gameHistory</c> lists instead of its messages.
/// A recording uploaded with an API key belongs to its account and is seen only by it (and the operator); an anonymous
/// upload is everyone's to see and replay, and only the operator deletes it.
/// </summary>
public static class RecordingsApi
{
    /// <summary>Longest recording name, in UTF-16 code units.</summary>
    public const int MaxNameLength = 200;

    public static RouteGroupBuilder MapRecordingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/recordings").WithTags("Recordings");
        group.MapPost("/", UploadAsync).WithName("UploadRecording").DisableAntiforgery()
            .ReadsBody<string>("application/x-ndjson", required: true)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .OptionallySecuredBy(ApiReference.ApiKey, ApiReference.ApiKeyAuthorization);
        group.MapGet("/", ListAsync).WithName("ListRecordings").OptionallySecuredBy(ApiReference.ApiKey, ApiReference.ApiKeyAuthorization, ApiReference.OperatorKey);
        group.MapGet("/{recordingId}", GetAsync).WithName("GetRecording").ProducesProblem(StatusCodes.Status404NotFound)
            .OptionallySecuredBy(ApiReference.ApiKey, ApiReference.ApiKeyAuthorization, ApiReference.OperatorKey);
        group.MapDelete("/{recordingId}", DeleteAsync).WithName("DeleteRecording")
            .SecuredBy(ApiReference.ApiKey, ApiReference.ApiKeyAuthorization, ApiReference.OperatorKey)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>Whether <paramref name="caller"/> sees the recording: an anonymous upload is everyone's; an account's is its own and the operator's.</summary>
    public static bool Visible(RecordingInfo recording, Caller caller) =>
        recording.OwnerAccountId is null || caller.IsOperator || caller.AccountId == recording.OwnerAccountId;

    public static async Task<Results<Created<RecordingInfo>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpRequest request,
        RecordingImporter importer,
        CallerResolver callers,
        IOptions<RecordingOptions> options,
        IOptions<AuthOptions> auth,
        string? name,
        string? content,
        CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(request);
        if (SessionsApi.AnonymousRefused(caller, auth.Value) is { } refused)
        {
            return refused;
        }

        content ??= RecordingInfo.ContentMessages;
        if (content is not (RecordingInfo.ContentMessages or RecordingInfo.ContentHistory))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["content"] = [$"must be '{RecordingInfo.ContentMessages}' (the capture's messages) or '{RecordingInfo.ContentHistory}' (the completed rounds in its gameHistory)."] },
                title: "Invalid content.");
        }

        if (name?.Length > MaxNameLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"may be at most {MaxNameLength} characters."] }, title: "Invalid name.");
        }

        // Counted as it arrives, so a chunked upload without Content-Length is refused (413) at the limit too.
        var capture = await RequestBody.ReadAsync(request, options.Value.MaxBytes, "A recording (LiveSim:Recordings:MaxBytes)", cancellationToken);
        if (capture.IsEmpty)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["$"] = ["Send the capture (JSON lines {timestamp, event_type, data}) as the request body."] },
                title: "Empty recording.");
        }

        var import = await importer.ImportAsync(capture, name, content, caller.AccountId, cancellationToken);
        return import.Info is { } info
            ? TypedResults.Created($"/live-sim/recordings/{info.RecordingId}", info)
            : SessionsApi.QuotaProblem(import.Refused!, "recordings");
    }

    /// <summary>The recordings the caller sees, in upload order: the anonymous uploads, and its account's (the operator: all).</summary>
    public static async Task<Ok<IReadOnlyList<RecordingInfo>>> ListAsync(HttpRequest request, CallerResolver callers, IRecordingStore store, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(request);
        if (caller.IsOperator)
        {
            return TypedResults.Ok(await store.ListAsync(OwnerFilter.All, cancellationToken));
        }

        IEnumerable<RecordingInfo> visible = await store.ListAsync(OwnerFilter.Of(null), cancellationToken);
        if (caller.AccountId is not null)
        {
            visible = visible.Concat(await store.ListAsync(OwnerFilter.Of(caller.AccountId), cancellationToken))
                .OrderBy(r => r.CreatedAt)
                .ThenBy(r => r.RecordingId, StringComparer.Ordinal);
        }

        return TypedResults.Ok<IReadOnlyList<RecordingInfo>>([.. visible]);
    }

    public static async Task<Results<Ok<RecordingInfo>, ProblemHttpResult>> GetAsync(
        string recordingId, HttpRequest request, CallerResolver callers, IRecordingStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(recordingId, cancellationToken) is { } info && Visible(info, await callers.ResolveAsync(request))
            ? TypedResults.Ok(info)
            : NotFound(recordingId);

    /// <summary>
    /// Deletes a recording, its journal entries and its capture, and frees its quota: its owner account or the operator
    /// (an anonymous upload: the operator). 409 while replays of it run, naming them.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string recordingId, HttpRequest request, CallerResolver callers, IRecordingStore store, ISessionCatalog catalog, IFeedJournal journal, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(request);
        if (await store.GetAsync(recordingId, cancellationToken) is not { } info || !Visible(info, caller))
        {
            return NotFound(recordingId);
        }

        // Visible and not the operator: the owner account's own recording, or an anonymous upload, which only the operator deletes.
        if (!caller.IsOperator && info.OwnerAccountId is null)
        {
            return TypedResults.Problem(
                "An anonymous upload is deleted only with the operator key (X-Operator-Key).",
                statusCode: caller.AccountId is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden,
                title: "Not the recording's owner.");
        }

        var replaying = await catalog.ListAsync(new SessionCatalogQuery(OwnerFilter.All, 100, RecordingId: recordingId, Ended: false), cancellationToken);
        if (replaying.Count > 0)
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The recording is being replayed.",
                Detail = $"Sessions replay recording '{recordingId}': stop them (or let them complete) first.",
                Extensions = { ["sessions"] = replaying.Select(e => e.SessionId).ToArray() },
            });
        }

        // The description first: from here on no new replay of it can be created.
        await store.DeleteAsync(recordingId, cancellationToken);
        await journal.DeleteFeedAsync(info.FeedId, cancellationToken);
        await grains.GetGrain<IQuotaGrain>(QuotaKeys.Of(info.OwnerAccountId)).ReleaseAsync(QuotaKind.Recordings, recordingId);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(string recordingId) =>
        TypedResults.Problem($"No recording '{recordingId}'.", statusCode: StatusCodes.Status404NotFound, title: "Recording not found.");
}
