import ArgumentParser

/// `samla round open|close|list`: the rounds of collection.
struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Open, close and list rounds of collection.",
        subcommands: [RoundOpenCommand.self, RoundCloseCommand.self, RoundListCommand.self]
    )

    init() {}
}
