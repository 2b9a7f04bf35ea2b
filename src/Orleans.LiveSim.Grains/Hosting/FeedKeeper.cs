using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Feeds;

namespace Orleans.LiveSim.Grains.Hosting;

/// <summary>
/// Keeps the auto-started feeds running: every few seconds each silo asks each feed grain to be running.
/// After a crash or a restart of the whole cluster, this reactivates the feeds (on whichever silo Orleans
/// places them) within one period, and the sessions follow their feeds again.
/// </summary>
public sealed partial class FeedKeeper(IGrainFactory grains, IOptions<LiveSimOptions> options, ILogger<FeedKeeper> logger) : BackgroundService
{
    /// <summary>Period of the check. Default 5 s.</summary>
    public static TimeSpan Period { get; set; } = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            foreach (var (feedId, definition) in options.Value.Feeds)
            {
                if (!definition.AutoStart)
                {
                    continue;
                }

                try
                {
                    await grains.GetGrain<IFeedAdapterGrain>(feedId).EnsureRunningAsync();
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogStartFailed(logger, ex, feedId);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} could not be started; retrying")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string feedId);
}
