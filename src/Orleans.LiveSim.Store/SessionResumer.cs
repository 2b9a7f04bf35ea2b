using Microsoft.Extensions.Logging;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Store;

/// <summary>
/// Silo start-up task that resumes the running replay sessions after a full cluster restart. Live sessions need no
/// help (the feed keeper restarts their feed, whose shards rebuild from the index and call them); replays follow no
/// feed, so this activates each one, which reloads its state and restarts its replay timer where it stopped.
/// Every silo runs it; resuming is idempotent.
/// </summary>
public sealed partial class SessionResumer(IGrainFactory grains, ISessionIndex index, ILogger<SessionResumer> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = await index.ListShardAsync(ISessionIndex.ReplayShard);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            LogListFailed(logger, ex);
            return;
        }

        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, _) =>
        {
            try
            {
                await grains.GetGrain<ISessionGrain>(id).ResumeAsync();
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                LogResumeFailed(logger, ex, id);
            }
        });
        LogResumed(logger, ids.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Count} replay sessions")]
    private static partial void LogResumed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay session {SessionId} could not be resumed; it resumes on its next call")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session index could not be read; replay sessions resume on their next call")]
    private static partial void LogListFailed(ILogger logger, Exception exception);
}
