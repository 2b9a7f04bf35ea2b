using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Api.Tests.Contracts;

/// <summary>The front silo's HTTP JSON options, taken from a host built (not started) the way the silo builds itself.</summary>
public static class HostJson
{
    private static readonly Lazy<JsonSerializerOptions> Lazy = new(() =>
    {
        var app = LiveSimHost.Build([$"--LiveSim:SiloPort={FreePort.Next()}", $"--LiveSim:GatewayPort={FreePort.Next()}", "--Logging:LogLevel:Default=Warning"]);
        try
        {
            return app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    });

    public static JsonSerializerOptions Options => Lazy.Value;
}
