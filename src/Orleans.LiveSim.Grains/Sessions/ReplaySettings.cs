using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Grains.Hosting;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>How a replay reads and writes: journal entries per read, and applied entries between two writes of its state.</summary>
/// <param name="ReadBatch">Entries read at once (and at <c>max</c>, applied in one grain turn).</param>
/// <param name="PersistEveryTicks">The session's state is written every this many applied entries, and when it ends.</param>
public sealed record ReplaySettings(int ReadBatch, int PersistEveryTicks)
{
    /// <summary>
    /// At <c>max</c>: large batches, read ahead, and a write every <see cref="LiveSimOptions.ReplayPersistEveryTicks"/>.
    /// Paced: small reads, and a write every <see cref="LiveSimOptions.PersistEveryTicks"/> like a live session, since a
    /// paced replay's progress is wall-clock time that a crash would otherwise cost again.
    /// </summary>
    public static ReplaySettings For(ReplaySpeed? speed, LiveSimOptions options) =>
        speed is { IsMax: false }
            ? new ReplaySettings(options.JournalReadBatch, options.PersistEveryTicks)
            : new ReplaySettings(options.ReplayBatchTicks, options.ReplayPersistEveryTicks);
}
