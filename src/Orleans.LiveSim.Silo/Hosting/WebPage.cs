using Microsoft.Extensions.FileProviders;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>The single-page dashboard (wwwroot/), embedded in the assembly so it is there wherever the binaries run.</summary>
public static class WebPage
{
    public static IFileProvider Files { get; } = new EmbeddedFileProvider(typeof(WebPage).Assembly, baseNamespace: "wwwroot");
}
