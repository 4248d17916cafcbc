using System.CommandLine;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `export`: a command group. `export papers` lives here; other features add their own exports
/// (e.g. `export decisions`) by passing their commands to <see cref="Create"/> in <see cref="CommandLineApp.Build"/>.
/// </summary>
public static class ExportCommand
{
    public static Command Create(params Command[] more)
    {
        var export = new Command("export", "Write data out as files (papers, and more as features add them).");
        export.Subcommands.Add(ExportPapersCommand.Create());
        foreach (var command in more)
        {
            export.Subcommands.Add(command);
        }

        return export;
    }
}
