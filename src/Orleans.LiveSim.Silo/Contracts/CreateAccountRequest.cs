using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>The body of <c>POST /live-sim/accounts</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateAccountRequest
{
    /// <summary>Longest account name, in UTF-16 code units.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The account's name: any text of 1 to 200 characters (shown as text, never as markup). Required.</summary>
    public string? Name { get; init; }

    /// <summary>Minimal APIs bind the body through this: errors as 400/413 naming the field.</summary>
    public static async ValueTask<CreateAccountRequest?> BindAsync(HttpContext context) =>
        await RequestBody.ReadJsonAsync<CreateAccountRequest>(context) ?? new CreateAccountRequest();

    /// <summary>What is wrong with it, by field; empty when nothing is.</summary>
    public Dictionary<string, string[]> Errors() =>
        string.IsNullOrWhiteSpace(Name) ? new() { ["name"] = ["is required: the account's name."] }
        : Name.Length > MaxNameLength ? new() { ["name"] = [$"may be at most {MaxNameLength} characters."] }
        : [];
}
