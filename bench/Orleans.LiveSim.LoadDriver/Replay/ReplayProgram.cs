namespace Orleans.LiveSim.LoadDriver.Replay;

/// <summary>Entry of <c>Orleans.LiveSim.LoadDriver replay ...</c>: replays at full speed of one recording, timed.</summary>
public static class ReplayProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = ReplayOptions.Parse(args);
        Console.WriteLine($"LiveSim replay: {options.Sessions} replay(s) of {options.Ticks:N0} ticks at max speed, {(options.Postgres.Length > 0 ? "PostgreSQL" : "in memory")}, config {options.Config}" +
            $"{string.Concat(options.Settings.Select(s => $", {s.Key}={s.Value}"))}; {Environment.ProcessorCount} cores, Server GC {System.Runtime.GCSettings.IsServerGC}, .NET {Environment.Version}");
        using var watchdog = new Timer(_ =>
        {
            Console.WriteLine("watchdog: the run's budget is exceeded, exiting");
            Environment.Exit(3);
        }, null, TimeSpan.FromSeconds(options.TimeoutSeconds + 600), Timeout.InfiniteTimeSpan);
        return await new ReplayRun(options).ExecuteAsync();
    }
}
