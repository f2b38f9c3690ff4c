import ArgumentParser

/// `samla round open|close|list|dispositions`: the rounds of collection.
struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Open, close and list rounds of collection, and record the dispositions of their invitations.",
        subcommands: [RoundOpenCommand.self, RoundCloseCommand.self, RoundListCommand.self, RoundDispositionsCommand.self]
    )

    init() {}
}
