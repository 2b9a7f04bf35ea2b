using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Strategies;
using Orleans.LiveSim.Silo.Contracts;
using Scalar.AspNetCore;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>, every endpoint with its request, responses, ProblemDetails and
/// security) and the API reference rendered from it at <c>/docs</c> (Scalar, served from the assembly: no CDN, no fonts
/// or telemetry from outside). Model: eShop's <c>OpenApi.Extensions.cs</c>.
/// </summary>
public static class ApiReference
{
    /// <summary><c>Authorization: Bearer &lt;accessToken&gt;</c>: the session token a create returns.</summary>
    public const string SessionToken = "sessionToken";

    /// <summary><c>?access_token=</c>: the session token where a browser cannot set headers (SSE, WebSocket).</summary>
    public const string AccessTokenQuery = "accessTokenQuery";

    /// <summary><c>X-Api-Key: &lt;key&gt;</c>: an account's API key.</summary>
    public const string ApiKey = "apiKey";

    /// <summary><c>Authorization: ApiKey &lt;key&gt;</c>: an account's API key.</summary>
    public const string ApiKeyAuthorization = "apiKeyAuthorization";

    /// <summary><c>X-Operator-Key</c> (or <c>?operator_key=</c>): the operator key (<c>LiveSim:OperatorKey</c>).</summary>
    public const string OperatorKey = "operatorKey";

    /// <summary>Where the Prometheus exporter serves the metrics.</summary>
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddLiveSimOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(DescribeAsync);
            options.AddSchemaTransformer(DescribeTypesAsync);
            options.AddOperationTransformer(DescribeOperationAsync);
        });

    /// <summary>Maps <c>/openapi/v1.json</c> and the reference at <c>/docs</c>.</summary>
    public static WebApplication MapLiveSimApiReference(this WebApplication app)
    {
        app.MapOpenApi().ExcludeFromDescription();
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("Orleans.LiveSim API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry())
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Documents that the endpoint needs one of <paramref name="schemes"/> (the check itself is the endpoint's).</summary>
    public static TBuilder SecuredBy<TBuilder>(this TBuilder builder, params string[] schemes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Security(schemes, Optional: false));

    /// <summary>Documents that the endpoint also takes one of <paramref name="schemes"/>, or none.</summary>
    public static TBuilder OptionallySecuredBy<TBuilder>(this TBuilder builder, params string[] schemes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Security(schemes, Optional: true));

    /// <summary>
    /// Documents the request body an endpoint reads itself (any content type). Unlike <c>Accepts</c>, it does not make
    /// routing refuse other content types with 415: the body is read whatever the client calls it, as always.
    /// </summary>
    public static RouteHandlerBuilder ReadsBody<TBody>(this RouteHandlerBuilder builder, string contentType, bool required) =>
        builder.WithMetadata(new Body(typeof(TBody), contentType, required));

    private sealed record Security(string[] Schemes, bool Optional);

    private sealed record Body(Type Type, string ContentType, bool Required);

    private static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Orleans.LiveSim",
            Version = "v1",
            Description = "Paper trading on a live crash-game feed: sessions run a strategy on every tick against a paper wallet and stream their events (SSE, WebSocket). Errors are RFC 7807 ProblemDetails; a 400's `errors` names each invalid field. The outbound events' JSON Schemas: GET /live-sim/schema.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [SessionToken] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The session's accessToken, returned once by POST /live-sim/sessions." },
            [AccessTokenQuery] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "access_token", Description = "The session's accessToken in the query, for EventSource and WebSocket clients that cannot set headers." },
            [ApiKey] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key", Description = "An account's API key (accounts and keys: issue 9)." },
            [ApiKeyAuthorization] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "Authorization", Description = "An account's API key as `Authorization: ApiKey <key>`." },
            [OperatorKey] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Operator-Key", Description = "The operator key (LiveSim:OperatorKey, else printed at start-up); also accepted as ?operator_key=." },
        };

        // The exporter maps /metrics as a plain request delegate, which API descriptions do not see.
        document.Paths[MetricsPath] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "Metrics",
                    Summary = "Prometheus metrics (OpenTelemetry).",
                    Description = "livesim_feed_entries_total, livesim_session_ticks_total, sessions created and ended, plus Orleans, ASP.NET Core and runtime metrics, in the Prometheus text format.",
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "OK",
                            Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<Body>().LastOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = body.Required,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [body.ContentType] = new() { Schema = body.Type == typeof(string) ? new OpenApiSchema { Type = JsonSchemaType.String } : await context.GetOrCreateSchemaAsync(body.Type, cancellationToken: cancellationToken) },
                },
            };
        }

        if (metadata.OfType<Security>().LastOrDefault() is { } security)
        {
            operation.Security = [.. security.Schemes.Select(s => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(s, context.Document)] = [] })];
            if (security.Optional)
            {
                operation.Security.Add(new OpenApiSecurityRequirement());
            }
        }
    }

    // Types whose JSON a converter writes: the document shows what the converter writes, not the CLR shape.
    private static async Task DescribeTypesAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(ReplaySpeed))
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Number;
            schema.Description = $"Replay speed: {ReplaySpeed.Expected}. Views show it as a string.";
        }
        else if (type == typeof(StrategyParameters))
        {
            var parameters = await context.GetOrCreateSchemaAsync(typeof(StrategyParams), cancellationToken: cancellationToken);
            schema.Type = JsonSchemaType.Object;
            schema.Properties = parameters.Properties;
            schema.Description = "Every parameter of the strategy, as a request's strategy.params gives them (GET /live-sim/strategies).";
        }
        else if (type == typeof(SessionCreated))
        {
            var view = await context.GetOrCreateSchemaAsync(typeof(Abstractions.Sessions.SessionView), cancellationToken: cancellationToken);
            schema.Type = JsonSchemaType.Object;
            schema.Properties = new Dictionary<string, IOpenApiSchema>(view.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                ["accessToken"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The session's access token, shown this once." },
            };
            schema.Required = new HashSet<string>(view.Required ?? new HashSet<string>()) { "accessToken" };
            schema.Description = "The session's view and its access token.";
        }
    }
}
