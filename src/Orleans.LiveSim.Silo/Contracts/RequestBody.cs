using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// Reads request bodies within a size limit, with or without <c>Content-Length</c> (a chunked body is counted as it
/// arrives): over the limit is a 413, never an exception surfacing as a 500. JSON bodies are parsed with
/// <see cref="RequestJson"/>, and any JSON error becomes a 400 naming its field.
/// </summary>
public static class RequestBody
{
    /// <summary>Largest JSON request body: 1 MiB (a legacy strategy file is about 2 KB).</summary>
    public const int MaxJsonBytes = 1024 * 1024;

    /// <summary>The body as <typeparamref name="T"/>, or default when it is empty.</summary>
    /// <exception cref="InvalidRequestException">Too large (413) or not valid for <typeparamref name="T"/> (400).</exception>
    public static async ValueTask<T?> ReadJsonAsync<T>(HttpContext context)
    {
        var body = await ReadAsync(context.Request, MaxJsonBytes, "The body", context.RequestAborted);
        if (body.IsEmpty || IsWhiteSpace(body.Span))
        {
            return default;
        }

        return Parse<T>(body.Span, context.RequestServices.GetRequiredService<RequestJsonOptions>().Value);
    }

    /// <summary>Parses a JSON body as <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidRequestException">400 naming the field that is not valid.</exception>
    public static T? Parse<T>(ReadOnlySpan<byte> json, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, options);
        }
        catch (JsonException e)
        {
            var (field, message) = RequestJson.Describe(e, options);
            throw new InvalidRequestException("The request body is invalid.", field, message);
        }
    }

    /// <summary>The whole body, at most <paramref name="max"/> bytes.</summary>
    /// <exception cref="InvalidRequestException">413 when the body is larger.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, long max, string what, CancellationToken cancellationToken)
    {
        // Kestrel's own limit (30 MB by default) would fail the read with an exception of its own: ours applies instead.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        if (request.ContentLength > max)
        {
            throw TooLarge(what, max);
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 16 * 1024, max) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(64 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > max)
            {
                throw TooLarge(what, max);
            }
        }
    }

    private static InvalidRequestException TooLarge(string what, long max) =>
        new("Request body too large.", "$", $"{what} may be at most {max} bytes.", StatusCodes.Status413PayloadTooLarge);

    private static bool IsWhiteSpace(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The options <see cref="RequestBody"/> reads JSON with (<see cref="RequestJson.Create"/>), one instance per app.</summary>
public sealed record RequestJsonOptions(JsonSerializerOptions Value);

/// <summary>A request refused before its handler ran (a body that is too large, not JSON, or of the wrong shape); a ProblemDetails names the field.</summary>
public sealed class InvalidRequestException(string title, IDictionary<string, string[]> errors, int status = StatusCodes.Status400BadRequest)
    : Exception(title)
{
    public InvalidRequestException(string title, string field, string message, int status = StatusCodes.Status400BadRequest)
        : this(title, new Dictionary<string, string[]> { [field] = [message] }, status)
    {
    }

    public int Status { get; } = status;

    public IDictionary<string, string[]> Errors { get; } = errors;
}
