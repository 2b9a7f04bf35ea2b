using System.Globalization;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Feeds.Recording;
using Orleans.LiveSim.Feeds.Synthetic;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.Silo.Commands;

/// <summary>
/// <c>record --feed demo --seconds 120 --out FILE [--start 2026-01-01T00:00:00Z]</c>: writes that much of a synthetic
/// feed's game (as configured: <c>LiveSim:Feeds:{id}:Seed</c>, <c>TickIntervalMs</c>, <c>CooldownSeconds</c>) as a
/// provider capture, at once rather than in real time. Upload it with <c>POST /live-sim/recordings</c> to replay it.
/// </summary>
public static class RecordCommand
{
    public const string Name = "record";

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var (feedId, seconds, output, start) = Parse(args);
            var config = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "silo-config", "appsettings.json"), optional: true)
                .AddEnvironmentVariables()
                .Build();
            var feed = config.GetSection($"LiveSim:Feeds:{feedId}").Get<FeedDefinition>() ?? (feedId == "demo" ? new FeedDefinition() : null)
                ?? throw new ArgumentException($"--feed '{feedId}' is not a configured feed (LiveSim:Feeds:{feedId}).");
            if (feed.Provider != ProviderKind.Synthetic)
            {
                throw new ArgumentException($"--feed '{feedId}' is a '{feed.Provider.ToString().ToLowerInvariant()}' feed; record makes captures of synthetic feeds (a live provider feed records itself with LiveSim:Feeds:{feedId}:RecordTo).");
            }

            var options = new SyntheticGameOptions
            {
                Seed = feed.Seed,
                TickInterval = TimeSpan.FromMilliseconds(feed.TickIntervalMs),
                Cooldown = TimeSpan.FromSeconds(feed.CooldownSeconds),
            };
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            long messages;
            await using (var writer = new RecordingWriter(File.Create(output)))
            {
                messages = SyntheticCapture.Write(feedId, options, start, TimeSpan.FromSeconds(seconds), writer);
            }

            await Console.Out.WriteLineAsync($"Recorded {messages} messages ({seconds} s of feed '{feedId}', seed {feed.Seed}, from {start:O}) to {output}.");
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"record: {ex.Message}");
            await Console.Error.WriteLineAsync("usage: record --out FILE [--feed demo] [--seconds 120] [--start 2026-01-01T00:00:00Z]");
            return 1;
        }
    }

    private static (string Feed, int Seconds, string Output, DateTimeOffset Start) Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] is not ("--feed" or "--seconds" or "--out" or "--start") || i + 1 >= args.Length)
            {
                throw new ArgumentException($"'{args[i]}' is not an option of record, or has no value.");
            }

            values[args[i]] = args[i + 1];
        }

        var seconds = values.TryGetValue("--seconds", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : 120;
        if (seconds is < 1 or > 86_400)
        {
            throw new ArgumentException("--seconds must be between 1 and 86400.");
        }

        return (
            values.GetValueOrDefault("--feed", "demo"),
            seconds,
            values.TryGetValue("--out", out var output) ? output : throw new ArgumentException("--out FILE is required."),
            values.TryGetValue("--start", out var start) ? DateTimeOffset.Parse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : SyntheticCapture.DefaultStart);
    }
}
