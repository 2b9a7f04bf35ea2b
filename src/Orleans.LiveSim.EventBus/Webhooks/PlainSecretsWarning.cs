using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.LiveSim.EventBus.Webhooks;

/// <summary>Says once at start-up that webhook secrets go into PostgreSQL as given, because no key encrypts them.</summary>
internal sealed partial class PlainSecretsWarning(ILogger<PlainSecretsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogPlainSecrets(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook secrets are stored in PostgreSQL as given: set LiveSim:Webhooks:SecretKey (openssl rand -base64 32, the same on every silo) to store them encrypted")]
    private static partial void LogPlainSecrets(ILogger logger);
}
