namespace BacklogFlow.Domain.Tests.TestSupport;

/// <summary>Finds the repository checkout the tests run from.</summary>
public static class Repository
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>The directory holding BacklogFlow.sln, found by walking up from the test binaries.</summary>
    public static string Root => _root.Value;

    public static string WorkflowsDirectory => Path.Combine(Root, "workflows");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BacklogFlow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} contains BacklogFlow.sln.");
    }
}
