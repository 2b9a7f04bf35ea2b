using System.Text;
using Orleans.LiveSim.Feeds.Recording;
using Orleans.LiveSim.Feeds.Synthetic;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>Provider captures of our own: the synthetic game written as the provider's messages (as <c>record</c> writes them).</summary>
public static class Captures
{
    /// <summary><paramref name="duration"/> of the synthetic game (seed 42, 250 ms ticks): 120 s give 480 messages, 300 ticks.</summary>
    public static string Synthetic(TimeSpan duration, SyntheticGameOptions? options = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new RecordingWriter(buffer, leaveOpen: true))
        {
            SyntheticCapture.Write("demo", options ?? new SyntheticGameOptions(), SyntheticCapture.DefaultStart, duration, writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
