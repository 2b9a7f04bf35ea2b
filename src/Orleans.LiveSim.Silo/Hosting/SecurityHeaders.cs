namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>
/// Response headers that keep the silo's pages safe even if user text ever reached them: a Content-Security-Policy
/// that allows script only from the silo's own files (no inline script, no eval), no framing by other sites, no
/// MIME sniffing, and no referrer leaking session ids to other origins.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of our own pages and API responses.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Third-party pages the silo hosts (the Orleans dashboard, the API reference) ship their own inline script: they keep
    /// every other header and may not be framed, but their script policy is their own.
    /// </summary>
    private static readonly string[] ThirdPartyPages = ["/dashboard", "/docs"];

    public static IApplicationBuilder UseLiveSimSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        var path = context.Request.Path;
        headers.ContentSecurityPolicy = ThirdPartyPages.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            ? "frame-ancestors 'none'"
            : ContentSecurityPolicy;
        return next(context);
    });
}
