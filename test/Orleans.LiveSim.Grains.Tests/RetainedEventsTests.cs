using System.Text;
using CsCheck;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Grains.Sessions;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>The retained-event ring against a list that keeps the newest events within the same limits.</summary>
public sealed class RetainedEventsTests
{
    [Fact]
    public void Keeps_the_newest_events_that_fit_in_its_bytes_and_reports_the_newest_it_dropped()
    {
        var ring = new RetainedEvents(maxCount: 100, maxBytes: 30);

        Assert.Equal(-1, ring.Add(Event(1, 10)));
        Assert.Equal(-1, ring.Add(Event(2, 10)));
        Assert.Equal(-1, ring.Add(Event(3, 10)));
        Assert.Equal(2, ring.Add(Event(4, 15)));

        Assert.Equal([3L, 4L], ring.After(0).Select(e => e.EventSeq));
        Assert.Equal([Json(3, 10), Json(4, 15)], ring.After(0).Select(e => e.Json));
        Assert.Equal(4, ring.LastEventSeq);
    }

    [Fact]
    public void An_event_larger_than_the_ring_empties_it_and_counts_as_dropped()
    {
        var ring = new RetainedEvents(maxCount: 100, maxBytes: 30);
        ring.Add(Event(1, 10));

        Assert.Equal(2, ring.Add(Event(2, 31)));
        Assert.Equal(0, ring.Count);
        Assert.Empty(ring.After(0));
        Assert.Equal(-1, ring.Add(Event(3, 30)));
        Assert.Equal([3L], ring.After(0).Select(e => e.EventSeq));
    }

    [Fact]
    public void Clear_gives_its_arrays_back()
    {
        var ring = new RetainedEvents(maxCount: 100, maxBytes: 1 << 16);
        ring.Add(Event(1, 100));
        Assert.True(ring.AllocatedBytes > 0);

        ring.Clear();

        Assert.Equal(0, ring.AllocatedBytes);
        Assert.Equal(-1, ring.LastEventSeq);
        Assert.Empty(ring.After(-1));
    }

    [Fact]
    public void Matches_a_list_of_the_newest_events_within_both_limits_through_growth_and_wrapping()
    {
        Gen.Select(Gen.Int[1, 12], Gen.Int[8, 200], Gen.Int[1, 80].Array[1, 300], Gen.Int[-1, 400])
            .Sample((maxCount, maxBytes, sizes, after) =>
            {
                var ring = new RetainedEvents(maxCount, maxBytes);
                var model = new List<SessionEventEnvelope>();
                for (var i = 0; i < sizes.Length; i++)
                {
                    var e = Event(i + 1, sizes[i]);
                    var expectedDropped = -1L;
                    if (e.Utf8.Length > maxBytes)
                    {
                        expectedDropped = e.EventSeq;
                        model.Clear();
                    }
                    else
                    {
                        model.Add(e);
                        while (model.Count > maxCount || model.Sum(m => m.Utf8.Length) > maxBytes)
                        {
                            expectedDropped = model[0].EventSeq;
                            model.RemoveAt(0);
                        }
                    }

                    if (ring.Add(e) != expectedDropped)
                    {
                        return false;
                    }
                }

                var kept = ring.After(after);
                return ring.AllocatedBytes <= maxBytes
                    && kept.Select(e => (e.EventSeq, e.Type, e.Json)).SequenceEqual(
                        model.Where(e => e.EventSeq > after).Select(e => (e.EventSeq, e.Type, e.Json)));
            });
    }

    // An event whose JSON is exactly `size` bytes, different for each eventSeq.
    private static SessionEventEnvelope Event(long seq, int size) => new(seq, seq % 2 == 0 ? "live_tick" : "bet_placed", Json(seq, size));

    private static string Json(long seq, int size)
    {
        var text = new StringBuilder().Append(seq).Append(':');
        while (text.Length < size)
        {
            text.Append((char)('a' + ((seq + text.Length) % 26)));
        }

        return text.ToString(0, size);
    }
}
