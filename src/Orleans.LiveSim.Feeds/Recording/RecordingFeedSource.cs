using System.Text;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Provider;
using Orleans.LiveSim.Feeds.Sources;

namespace Orleans.LiveSim.Feeds.Recording;

/// <summary>
/// Plays a capture (JSON lines <c>{timestamp, event_type, data}</c>) through the same normalizer and integrity
/// checker as the live source. At max speed each drain reads what is there; at speed <c>s</c> a message is due
/// at <c>start + (timestamp - first timestamp) / s</c>, where start is the first drain's <c>now</c>.
/// Entries carry the recorded timestamps, so every speed yields the same entries. <see cref="NextDueAt"/> is the
/// next message's due time, so the adapter drains each message when it is due rather than on a timer's phase.
/// </summary>
public sealed class RecordingFeedSource : IFeedSource
{
    private readonly StreamReader _reader;
    private readonly RecordingSourceOptions _options;
    private readonly ProviderFeedProcessor _processor;
    private readonly List<FeedTick> _scratch = [];
    private string? _pendingLine;
    private RecordedMessage? _pending;
    private DateTimeOffset? _start;
    private DateTimeOffset? _firstTimestamp;
    private DateTimeOffset? _pendingDue;
    private DateTimeOffset _lastTimestamp = DateTimeOffset.UnixEpoch;

    /// <summary>Plays <paramref name="capture"/>; the source owns and disposes the stream.</summary>
    public RecordingFeedSource(string feedId, Stream capture, RecordingSourceOptions? options = null)
    {
        _options = options ?? new RecordingSourceOptions();
        _reader = new StreamReader(capture, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        _processor = new ProviderFeedProcessor(feedId, _options.Normalizer, _options.Integrity);
    }

    /// <summary>Plays the capture file at <paramref name="path"/>.</summary>
    public static RecordingFeedSource Open(string feedId, string path, RecordingSourceOptions? options = null) =>
        new(feedId, File.OpenRead(path), options);

    public ProviderKind Provider => ProviderKind.Recording;

    public FeedConnectionState State => Completed ? FeedConnectionState.Disconnected : FeedConnectionState.Connected;

    public FeedCounters Counters => _processor.Counters;

    public bool Completed { get; private set; }

    // Before the first drain, and after a drain stopped at MaxMessagesPerDrain, what is left is ready at once.
    public DateTimeOffset? NextDueAt => Completed ? null : _pendingDue ?? DateTimeOffset.MinValue;

    /// <summary>Rounds seen so far.</summary>
    public long Rounds => _processor.Checker.Rounds;

    /// <summary>Malformed lines and messages kept for inspection.</summary>
    public IReadOnlyList<QuarantinedMessage> Quarantine => _processor.Normalizer.Quarantine;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Drain(DateTimeOffset now, List<FeedTick> into)
    {
        _start ??= now;
        _pendingDue = null;
        for (var read = 0; read < _options.MaxMessagesPerDrain && !Completed; read++)
        {
            if (_pendingLine is null && !ReadNext())
            {
                Completed = true;
                break;
            }

            if (_pending is not null && _options.Speed.Multiple is { } speed)
            {
                _firstTimestamp ??= _pending.Timestamp;
                var due = _start.Value + ((_pending.Timestamp - _firstTimestamp.Value) / (double)speed);
                if (due > now)
                {
                    _pendingDue = due;
                    break;
                }
            }

            var line = _pendingLine!;
            _pendingLine = null;
            _pending = null;
            _scratch.Clear();
            _lastTimestamp = RecordingFormat.ProcessLine(_processor, line, _lastTimestamp, _scratch) ?? _lastTimestamp;
            into.AddRange(_scratch);
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return ValueTask.CompletedTask;
    }

    private bool ReadNext()
    {
        while (_reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            _pendingLine = line;
            _pending = RecordingFormat.TryParseLine(line, out var message, out _) ? message : null;
            return true;
        }

        return false;
    }
}
