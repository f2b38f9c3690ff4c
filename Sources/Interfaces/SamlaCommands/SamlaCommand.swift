import ArgumentParser

/// `samla`: the survey and impact-framework engine on the command line.
///
/// Each subcommand parses its flags and calls one module; exit codes follow the design:
/// 0 success, 1 the input was refused (diagnostics printed), 2 usage error.
public struct SamlaCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "samla",
        abstract: "Survey definitions, collection, indicators and reports for MSI.",
        version: SamlaVersion.current,
        subcommands: [
            ValidateCommand.self, RoundCommand.self, InviteCommand.self, RemindCommand.self, ImportCommand.self, GenerateCommand.self,
            ComputeCommand.self, ReportCommand.self, ExportCommand.self, DemoCommand.self, BenchCommand.self,
            BackupCommand.self, RestoreCommand.self, EraseCommand.self, AccessCommand.self, ServeCommand.self,
        ]
    )

    public init() {}
}
