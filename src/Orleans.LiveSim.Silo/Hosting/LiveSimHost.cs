using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.LiveSim.Silo.Apis;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Delivery;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>Builds the front silo: the web host co-hosting the Orleans silo. Used by Program and by the tests.</summary>
public static class LiveSimHost
{
    /// <summary>Builds the front silo from command-line style arguments; <paramref name="configureSilo"/> adds to the silo (the load driver's probes).</summary>
    public static WebApplication Build(string[] args, Action<ISiloBuilder>? configureSilo = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings live in silo-config/ (copied beside the binaries), still overridden by environment and command line.
            ContentRootPath = Path.Combine(AppContext.BaseDirectory, "silo-config"),
            EnvironmentName = EnvironmentOf(args),
        });
        var config = builder.Configuration;
        builder.UseOrleans(silo =>
        {
            silo.ConfigureLiveSimSilo(config);
            configureSilo?.Invoke(silo);
        });

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures (?limit=abc) throw, so ProblemExceptionHandler can name the parameter in a ProblemDetails.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        builder.Services.AddSingleton(sp => new RequestJsonOptions(RequestJson.Create(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)));
        builder.Services.AddSingleton<CreateSessionValidator>();
        builder.Services.AddSingleton<CreateSweepValidator>();
        builder.Services.AddLiveSimOpenApi();
        builder.Services.AddLiveSimFeedKeeper();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(LiveSimMetrics.MeterName, "Microsoft.Orleans")
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        builder.Services.AddSingleton<OperatorKey>();
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .Validate(o => o.KeyCache >= TimeSpan.Zero && o.KeyCache <= TimeSpan.FromMinutes(1), "LiveSim:Auth:KeyCache must be between 00:00:00 and 00:01:00.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyCache>();
        builder.Services.AddSingleton<CallerResolver>();
        builder.Services.AddSingleton<SessionRooms>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SessionRooms>());
        builder.Services.AddSingleton(sp => new SessionEventReader(
            sp.GetRequiredService<SessionRooms>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions,
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new SweepStream(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions,
            sp.GetRequiredService<TimeProvider>()));

        var app = builder.Build();
        _ = app.Services.GetRequiredService<OperatorKey>();
        app.UseLiveSimSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseLiveSimApiKeys();
        // The dashboard page ships inside the assembly, so it is there wherever the binaries run from.
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = WebPage.Files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = WebPage.Files });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.MapHealthApi();
        app.MapPrometheusScrapingEndpoint(ApiReference.MetricsPath);
        app.MapSessionsApi();
        app.MapViewersApi();
        app.MapAccountsApi();
        app.MapSessionControlApi();
        app.MapLedgerApi();
        app.MapSweepsApi();
        app.MapSweepViewersApi();
        app.MapDeliveryApi();
        app.MapFeedsApi();
        app.MapStrategiesApi();
        app.MapRecordingsApi();
        app.MapSchemaApi();
        app.MapOrleansDashboard(routePrefix: "/dashboard").AddEndpointFilter<OperatorKeyFilter>().ExcludeFromDescription();
        app.MapLiveSimApiReference();
        return app;
    }

    /// <summary>
    /// The environment, as .NET reads it (<c>DOTNET_ENVIRONMENT</c>, <c>ASPNETCORE_ENVIRONMENT</c>, <c>--environment</c>), but
    /// <c>Embedded</c> when none is given rather than .NET's <c>Production</c>: <c>dotnet run</c> is the embedded default,
    /// and <c>appsettings.Production.json</c> (no anonymous callers) applies where a deployment says it is production.
    /// </summary>
    public static string EnvironmentOf(string[] args)
    {
        var config = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        return config[HostDefaults.EnvironmentKey] is { Length: > 0 } name ? name : "Embedded";
    }

    /// <summary>The JSON the API speaks, over the web defaults: enums as camelCase strings, strategy parameters as requests give them.</summary>
    public static JsonSerializerOptions ConfigureJson(JsonSerializerOptions options)
    {
        // Numbers are numbers: the web defaults also read them from strings, which requests never accepted.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new StrategyParametersJsonConverter());
        return options;
    }
}
