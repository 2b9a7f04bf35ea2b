using Microsoft.Extensions.FileProviders;

namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>The single-page dashboard (wwwroot/), embedded in the assembly.</summary>
public static class WebPage
{
    public static IFileProvider Files { get; } = new ManifestEmbeddedOrPlainProvider();

    private sealed class ManifestEmbeddedOrPlainProvider : IFileProvider
    {
        private readonly EmbeddedFileProvider _inner = new(typeof(WebPage).Assembly, baseNamespace: "wwwroot");

        public IDirectoryContents GetDirectoryContents(string subpath) => _inner.GetDirectoryContents(subpath);

        public IFileInfo GetFileInfo(string subpath) => _inner.GetFileInfo(subpath.TrimStart('/'));

        public Microsoft.Extensions.Primitives.IChangeToken Watch(string filter) => _inner.Watch(filter);
    }
}
