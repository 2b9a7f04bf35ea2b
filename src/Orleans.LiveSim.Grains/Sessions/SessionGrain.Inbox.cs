using Microsoft.Extensions.Logging;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// The in-silo entrance of feed batches (<see cref="SessionInbox"/>, docs/adr/0001). The inbox's work item runs on the
/// activation's scheduler, so it never runs beside the grain's code; but it is not a grain call, so Orleans would let it
/// run while a call or a timer of this grain awaits (a state write, say). The grain keeps the turns apart itself, in the
/// order a one-way call per batch had: batches wait while a call, a timer callback or the activation is under way (the
/// grain's own call filter and <see cref="AsTurn"/> count them), and a call that arrives while batches are being applied
/// waits for them to finish.
/// </summary>
public sealed partial class SessionGrain
{
    private SessionInbox? _inbox;
    private int _turns;
    private Task? _applying;
    private bool _closed;

    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) => InTurnAsync(context.Invoke);

    /// <summary>A timer callback that counts as a turn, like a call (see the class summary).</summary>
    private Func<CancellationToken, Task> AsTurn(Func<CancellationToken, Task> callback) =>
        cancellationToken => InTurnAsync(() => callback(cancellationToken));

    /// <summary>Runs a call or a timer callback as a turn: after batches being applied, and holding back batches that arrive.</summary>
    private async Task InTurnAsync(Func<Task> turn)
    {
        _turns++;
        try
        {
            if (_applying is { } applying)
            {
                await applying;
            }

            await turn();
        }
        finally
        {
            EndTurn();
        }
    }

    private void EndTurn()
    {
        _turns--;
        if (_turns == 0)
        {
            _inbox?.Schedule();
        }
    }

    /// <summary>The inbox's work item, on the activation's scheduler: applies what waits unless a turn is under way.</summary>
    private void RunInbox()
    {
        if (_closed || _turns > 0 || _applying is not null)
        {
            return;
        }

        var applying = ApplyInboxAsync();
        if (!applying.IsCompleted)
        {
            _applying = applying;
        }
    }

    private async Task ApplyInboxAsync()
    {
        try
        {
            // A call that arrived meanwhile goes first; the rest is scheduled again when it ends.
            while (!_closed && _turns == 0 && _inbox!.Take() is { } batch)
            {
                await ApplyFeedAsync(batch);
            }
        }
        catch (Exception exception)
        {
            // As a failed one-way call was: the state is as the last write left it, and the next batch backfills.
            LogInboxFailed(logger, exception, Id);
        }
        finally
        {
            _applying = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: applying a feed batch failed; the next batch backfills from the journal")]
    private static partial void LogInboxFailed(ILogger logger, Exception exception, string sessionId);
}
