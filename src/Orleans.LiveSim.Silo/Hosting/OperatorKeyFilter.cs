using System.Security.Cryptography;
using System.Text;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>
/// Guards operator surfaces (the Orleans dashboard) with <c>LiveSim:OperatorKey</c>: given once as
/// <c>?operator_key=</c> (or the <c>X-Operator-Key</c> header) it is kept in an HTTP-only cookie so the
/// dashboard's own requests pass. Without a configured key a random one is made and printed once at start-up.
/// </summary>
public sealed class OperatorKeyFilter(OperatorKey operatorKey) : IEndpointFilter
{
    private const string Cookie = "livesim_operator";
    private readonly string _key = operatorKey.Value;

    private bool Matches(string? given) => operatorKey.Matches(given);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var given = http.Request.Query["operator_key"].FirstOrDefault()
            ?? http.Request.Headers["X-Operator-Key"].FirstOrDefault();
        if (Matches(given))
        {
            http.Response.Cookies.Append(Cookie, _key, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/dashboard" });
            return await next(context);
        }

        return Matches(http.Request.Cookies[Cookie])
            ? await next(context)
            : TypedResults.Problem("Operator surfaces need the operator key (?operator_key= or X-Operator-Key).", statusCode: StatusCodes.Status401Unauthorized, title: "Operator key required.");
    }
}

/// <summary>Guards an endpoint with the operator key and documents it so.</summary>
public static class OperatorKeyEndpoints
{
    public static RouteHandlerBuilder RequireOperatorKey(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<OperatorKeyFilter>().SecuredBy(ApiReference.OperatorKey).ProducesProblem(StatusCodes.Status401Unauthorized);
}

/// <summary>
/// The operator key: <c>LiveSim:OperatorKey</c>, or a random one made at start-up and printed once to the console
/// (stdout), never through the logging pipeline: logs are collected, shipped and kept, and the key would go with them.
/// </summary>
public sealed class OperatorKey
{
    public OperatorKey(IConfiguration config)
    {
        var key = config["LiveSim:OperatorKey"];
        if (string.IsNullOrWhiteSpace(key))
        {
            key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            Console.Out.WriteLine($"LiveSim:OperatorKey is not set; the operator key for this run is {key} (X-Operator-Key, or /dashboard/?operator_key=<key>).");
            Console.Out.Flush();
        }

        Value = key;
    }

    public string Value { get; }

    /// <summary>Whether <paramref name="given"/> is the operator key, compared in constant time.</summary>
    public bool Matches(string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(Value));
}
