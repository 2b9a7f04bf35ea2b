using Orleans.LiveSim.Silo.Commands;
using Orleans.LiveSim.Silo.Hosting;

// The front silo: REST + SSE + WebSocket over the LiveSim grains, co-hosting the Orleans silo.
// Embedded default: http://127.0.0.1:5080, localhost clustering, in-memory storage, the synthetic 'demo' feed.
// `record ...` instead writes a capture of a synthetic feed and exits (sample data of our own).
if (args is [RecordCommand.Name, .. var options])
{
    return await RecordCommand.RunAsync(options);
}

WebApplication app;
try
{
    app = LiveSimHost.Build(args);
    await app.StartAsync();
}
catch (Exception ex)
{
    // Configuration and start-up errors (a missing connection string, an unreachable database, a port in use)
    // end the process with one readable line naming what to fix, not a stack trace.
    await Console.Error.WriteLineAsync($"Orleans.LiveSim could not start: {StartupError.Describe(ex)}");
    return 1;
}

await app.WaitForShutdownAsync();
return 0;
