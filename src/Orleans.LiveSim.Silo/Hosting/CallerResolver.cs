using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>
/// Turns a request's credentials into the <see cref="Caller"/> that grain calls carry: the bearer token (only its hash
/// leaves the front silo) and the operator key (<c>X-Operator-Key</c>). The token in the query (<c>?access_token=</c>)
/// counts only where the endpoint allows it: on the SSE and WebSocket endpoints, whose browser
/// clients cannot set headers; elsewhere it would end up in logs and browser history.
/// </summary>
public sealed class CallerResolver(OperatorKey operatorKey)
{
    public ValueTask<Caller> ResolveAsync(HttpRequest request, bool allowQueryToken = false)
    {
        var token = BearerToken(request) ?? (allowQueryToken ? request.Query["access_token"].FirstOrDefault() : null);
        var isOperator = operatorKey.Matches(request.Headers["X-Operator-Key"].FirstOrDefault());
        return ValueTask.FromResult(new Caller(null, AccessTokens.Hash(token), isOperator));
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
