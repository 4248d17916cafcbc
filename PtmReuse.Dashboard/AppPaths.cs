namespace PtmReuse.Dashboard;

/// <summary>
/// The repository root holds appsettings.json and wwwroot/. Run from source the working directory is that root;
/// published, they sit beside the binary.
/// </summary>
public static class AppPaths
{
    public static string ContentRoot()
    {
        var cwd = Directory.GetCurrentDirectory();
        if (File.Exists(Path.Combine(cwd, "appsettings.json")))
        {
            return cwd;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PtmReuse.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
