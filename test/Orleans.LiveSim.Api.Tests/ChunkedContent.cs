using System.Text;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>A body sent in chunks (no Content-Length), made as it is sent: <paramref name="length"/> bytes of <paramref name="fill"/>, or a text.</summary>
public sealed class ChunkedContent(long length, byte fill, byte[]? text = null) : HttpContent
{
    public ChunkedContent(string text)
        : this(0, 0, Encoding.UTF8.GetBytes(text))
    {
    }

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        if (text is not null)
        {
            for (var sent = 0; sent < text.Length; sent += 64 * 1024)
            {
                await stream.WriteAsync(text.AsMemory(sent, Math.Min(64 * 1024, text.Length - sent)));
            }

            return;
        }

        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, fill);
        for (long sent = 0; sent < length; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - sent)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
