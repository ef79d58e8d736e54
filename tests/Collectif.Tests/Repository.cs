namespace Collectif.Tests;

/// <summary>Paths in the repository, for tests that read sources or run the built program.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string CollectifDll => Path.Combine(AppContext.BaseDirectory, "Collectif.dll");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Collectif.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Collectif.slnx not found above " + AppContext.BaseDirectory);
    }
}
