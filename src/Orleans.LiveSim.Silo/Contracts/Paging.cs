namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>The <c>limit</c> of a paged listing (keyset paging: <c>?after=&lt;last id&gt;&amp;limit=</c>).</summary>
public static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The page size, or the error naming <c>limit</c>.</summary>
    public static (int Size, Dictionary<string, string[]>? Errors) Limit(int? limit) =>
        (limit ?? DefaultLimit) is var size and >= 1 and <= MaxLimit
            ? (size, null)
            : (0, new() { ["limit"] = [$"must be between 1 and {MaxLimit}."] });
}
