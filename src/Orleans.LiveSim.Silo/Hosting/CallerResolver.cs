using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Silo.Contracts;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>
/// Turns a request's credentials into the <see cref="Caller"/> that grain calls carry: the account of its API key
/// (<see cref="ApiKeys"/>), the bearer token (only its hash leaves the front silo) and the operator key
/// (<c>X-Operator-Key</c>). A wrong or revoked API key is a 401, never an anonymous caller. The token in the query
/// (<c>?access_token=</c>) counts only where the endpoint allows it: on the SSE and WebSocket endpoints, whose browser
/// clients cannot set headers; elsewhere it would end up in logs and browser history.
/// </summary>
public sealed class CallerResolver(OperatorKey operatorKey, ApiKeyCache keys)
{
    private static readonly object AccountItem = new();

    public async ValueTask<Caller> ResolveAsync(HttpRequest request, bool allowQueryToken = false)
    {
        var token = BearerToken(request) ?? (allowQueryToken ? request.Query["access_token"].FirstOrDefault() : null);
        var isOperator = operatorKey.Matches(request.Headers["X-Operator-Key"].FirstOrDefault());
        return new Caller(await AccountAsync(request.HttpContext), AccessTokens.Hash(token), isOperator);
    }

    /// <summary>The account whose API key the request carries (null when it carries none), resolved once per request.</summary>
    /// <exception cref="InvalidRequestException">401: the key is unknown or revoked.</exception>
    public async ValueTask<string?> AccountAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(AccountItem, out var known))
        {
            return (string?)known;
        }

        var (key, field) = ApiKeys.From(context.Request);
        string? account = null;
        if (key is not null)
        {
            var found = key.Length == 0 ? null : await keys.FindAsync(AccessTokens.Hash(key), context.RequestAborted);
            if (found is null || found.Revoked)
            {
                throw new InvalidRequestException(
                    "Invalid API key.",
                    field,
                    found is null ? "is not a valid API key." : "is a revoked API key.",
                    StatusCodes.Status401Unauthorized);
            }

            account = found.AccountId;
        }

        context.Items[AccountItem] = account;
        return account;
    }

    /// <summary>The SHA-256 of the request's API key; null without one.</summary>
    public static string? ApiKeyHash(HttpRequest request) => ApiKeys.From(request).Key is { Length: > 0 } key ? AccessTokens.Hash(key) : null;

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}

/// <summary>Checks the API key of every API request, whatever the endpoint: a wrong or revoked key is a 401 everywhere.</summary>
public static class ApiKeyCheck
{
    public static WebApplication UseLiveSimApiKeys(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/live-sim"))
            {
                await context.RequestServices.GetRequiredService<CallerResolver>().AccountAsync(context);
            }

            await next(context);
        });
        return app;
    }
}
