using Orleans.LiveSim.Silo.Hosting;

// The front silo: REST + SSE + WebSocket over the LiveSim grains, co-hosting the Orleans silo.
// Embedded default: http://127.0.0.1:5080, localhost clustering, in-memory storage, the synthetic 'demo' feed.
var app = LiveSimHost.Build(args);
await app.RunAsync();
