using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>The body of <c>POST .../viewers</c> of a session or a sweep; optional (an empty body mints a token without a label).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateViewerRequest
{
    /// <summary>Who the token is shared with, as listed later (any text up to 100 characters, shown as text). Default: none.</summary>
    public string? Label { get; init; }

    /// <summary>Minimal APIs bind the body through this: an empty body as no label, errors as 400/413 naming the field.</summary>
    public static async ValueTask<CreateViewerRequest?> BindAsync(HttpContext context) =>
        await RequestBody.ReadJsonAsync<CreateViewerRequest>(context) ?? new CreateViewerRequest();

    /// <summary>What is wrong with it, by field; empty when nothing is.</summary>
    public Dictionary<string, string[]> Errors() =>
        Label?.Length > ViewerToken.MaxLabelLength ? new() { ["label"] = [$"may be at most {ViewerToken.MaxLabelLength} characters."] } : [];
}
