using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.LiveSim.Silo.Contracts;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>
/// Turns a request refused before its handler into a ProblemDetails naming the field: our own
/// <see cref="InvalidRequestException"/> (bodies), and ASP.NET Core's <see cref="BadHttpRequestException"/> (a query,
/// route or header value that does not bind, such as <c>?limit=abc</c>; a body over Kestrel's limit: 413).
/// Anything else is left to the default handler (a 500).
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, errors) = exception switch
        {
            InvalidRequestException e => (e.Status, e.Message, e.Errors),
            BadHttpRequestException e => (e.StatusCode, Title(e.StatusCode), new Dictionary<string, string[]> { [Field(e.Message)] = [e.Message] }),
            _ => (0, "", null!),
        };
        if (status == 0 || context.Response.HasStarted)
        {
            return false;
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(errors) { Status = status, Title = title },
            Exception = exception,
        });
    }

    private static string Title(int status) => status == StatusCodes.Status413PayloadTooLarge ? "Request body too large." : "The request is invalid.";

    // ASP.NET Core names the parameter only in its message: 'Failed to bind parameter "int? limit" from "abc".'
    private static string Field(string message) => Parameter().Match(message) is { Success: true } m ? m.Groups[1].Value : "$";

    [GeneratedRegex("parameter \"[^\"]*?([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex Parameter();
}
