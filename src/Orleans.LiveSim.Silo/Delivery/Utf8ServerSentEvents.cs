using System.Buffers;
using System.Globalization;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.Features;

namespace Orleans.LiveSim.Silo.Delivery;

/// <summary>
/// A <c>text/event-stream</c> of <see cref="OutboundItem"/>s whose data is already UTF-8 JSON, written as it is (the
/// framework's string results would decode every event to a string and encode it again, per client).
/// Headers as ASP.NET Core's own <c>TypedResults.ServerSentEvents</c>.
/// </summary>
public sealed class Utf8ServerSentEvents(IAsyncEnumerable<OutboundItem> items) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentEncoding = "identity";
        httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        var events = Events(items, httpContext.RequestAborted);
        await SseFormatter.WriteAsync(events, response.Body, static (item, writer) => writer.Write(item.Data.Span), httpContext.RequestAborted);
    }

    private static async IAsyncEnumerable<SseItem<ReadOnlyMemory<byte>>> Events(IAsyncEnumerable<OutboundItem> items, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var i in items.WithCancellation(cancellationToken))
        {
            yield return new SseItem<ReadOnlyMemory<byte>>(i.Utf8, i.Type) { EventId = i.Id?.ToString(CultureInfo.InvariantCulture) };
        }
    }
}
