using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Api.Tests;

[Collection(HostCollection.Name)]
public sealed class OpenApiTests(HostFixture host)
{
    // Endpoints that are not part of the API: the document itself, its reference page, the Orleans dashboard.
    private static readonly string[] NotApi = ["/openapi/", "/docs", "/dashboard"];

    private async Task<OpenApiDocument> LoadAsync()
    {
        var text = await host.Http.GetStringAsync("/openapi/v1.json");
        var (document, diagnostic) = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        Assert.Empty(diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        return document!;
    }

    [Fact]
    public async Task The_document_is_valid_OpenAPI_3_and_lists_every_mapped_route_with_its_methods()
    {
        var document = await LoadAsync();

        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        var endpoints = ((IEndpointRouteBuilder)host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
        var excluded = endpoints.Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true).ToList();
        Assert.All(excluded, e => Assert.Contains(NotApi, prefix => Path(e).StartsWith(prefix, StringComparison.Ordinal)));
        var api = endpoints.Except(excluded).ToList();
        Assert.True(api.Count >= 17, $"only {api.Count} API endpoints");
        foreach (var endpoint in api)
        {
            var path = Path(endpoint);
            Assert.True(document.Paths.TryGetValue(path, out var item), $"{path} is not in the document");
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                Assert.True(item!.Operations!.ContainsKey(new HttpMethod(method)), $"{method} {path} is not in the document");
            }
        }

        Assert.Equal(api.Select(Path).Distinct().Order(), document.Paths.Keys.Order());
    }

    [Fact]
    public async Task Every_error_response_is_a_problem_details_and_every_operation_is_named()
    {
        var document = await LoadAsync();

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                Assert.False(string.IsNullOrEmpty(operation.OperationId), $"{method} {path} has no operationId");
                foreach (var (status, response) in operation.Responses!.Where(r => r.Key.StartsWith('4')))
                {
                    Assert.True(response.Content?.ContainsKey("application/problem+json") == true, $"{method} {path} {status} is not a ProblemDetails");
                }
            }
        }
    }

    [Fact]
    public async Task The_document_declares_the_security_schemes_and_describes_the_streams_and_the_create_body()
    {
        var document = await LoadAsync();

        Assert.Equal(
            [ApiReference.AccessTokenQuery, ApiReference.ApiKey, ApiReference.ApiKeyAuthorization, ApiReference.OperatorKey, ApiReference.SessionToken],
            document.Components!.SecuritySchemes!.Keys.Order());
        Assert.Equal("X-Api-Key", document.Components.SecuritySchemes[ApiReference.ApiKey].Name);
        Assert.Equal("X-Operator-Key", document.Components.SecuritySchemes[ApiReference.OperatorKey].Name);
        Assert.Equal("bearer", document.Components.SecuritySchemes[ApiReference.SessionToken].Scheme);

        var sessions = document.Paths["/live-sim/sessions"].Operations!;
        var create = sessions[HttpMethod.Post];
        Assert.False(create.RequestBody!.Required);
        Assert.Contains("application/json", create.RequestBody.Content!.Keys);
        Assert.Equal(["201", "400", "401", "409", "413", "429"], create.Responses!.Keys.Order());
        var created = create.Responses["201"].Content!["application/json"].Schema!;
        Assert.Contains("accessToken", created.Properties!.Keys);
        Assert.Contains("stateHash", created.Properties.Keys);
        Assert.Contains(sessions[HttpMethod.Get].Security!, r => r.Keys.Any(k => k.Reference.Id == ApiReference.OperatorKey));

        var body = create.RequestBody.Content["application/json"].Schema!;
        Assert.Equal(100, body.Properties!["strategy"].Properties!["params"].Properties!["betSizes"].MaxItems);
        Assert.Equal(100, body.Properties["legacyStrategy"].Properties!["params"].Properties!["bet_sizes"].MaxItems);

        var stream = document.Paths["/live-sim/sessions/{id}/stream"].Operations![HttpMethod.Get];
        Assert.Contains("text/event-stream", stream.Responses!["200"].Content!.Keys);
        Assert.Contains("Last-Event-ID", stream.Description, StringComparison.Ordinal);
        var socket = document.Paths["/live-sim/sessions/{id}/ws"].Operations![HttpMethod.Get];
        Assert.Contains("101", socket.Responses!.Keys);
        Assert.Contains(socket.Security!, r => r.Keys.Any(k => k.Reference.Id == ApiReference.AccessTokenQuery));
    }

    [Fact]
    public async Task The_api_reference_page_is_served_with_its_script_from_the_silo()
    {
        var page = await host.Http.GetStringAsync("/docs/");
        using var script = await host.Http.GetAsync("/docs/scalar.js");

        Assert.Contains("<script src=\"scalar.js\"></script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private static string Path(RouteEndpoint endpoint)
    {
        var raw = "/" + endpoint.RoutePattern.RawText!.Trim('/');
        return raw == "/" ? raw : raw.TrimEnd('/');
    }
}
