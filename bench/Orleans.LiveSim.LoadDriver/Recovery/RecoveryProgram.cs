namespace Orleans.LiveSim.LoadDriver.Recovery;

/// <summary>Entry of <c>Orleans.LiveSim.LoadDriver recovery ...</c>: one run, its table row and its JSON line.</summary>
public static class RecoveryProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = RecoveryOptions.Parse(args);
        Console.WriteLine($"LiveSim recovery: {options.Sessions} sessions, {options.Silos} silo(s), kill -9 of silo 1 after {options.WarmupSeconds} s, replacement watched {options.ObserveSeconds} s; {Environment.ProcessorCount} cores");
        using var watchdog = new Timer(_ =>
        {
            Console.WriteLine("watchdog: 20 minutes exceeded, exiting");
            Environment.Exit(3);
        }, null, TimeSpan.FromMinutes(20), Timeout.InfiniteTimeSpan);
        var result = await new RecoveryRun(options).ExecuteAsync();
        Console.WriteLine();
        Console.WriteLine(RecoveryResult.Header);
        Console.WriteLine(result.Row());
        Console.WriteLine(result.Steady);
        Console.WriteLine(result.Json());
        return result.CaughtUpSeconds is null || result.FailedActivations > 0 || result.Consistent < result.Audited ? 1 : 0;
    }
}
