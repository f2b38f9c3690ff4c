import ArgumentParser

/// `samla round close NAME`: stops a round taking responses; `samla round open` re-opens it.
struct RoundCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a round: it takes no more responses on the web or the API, and no invitations.",
        usage: """
            samla round close <name> [--db <path>]
            samla round close --round <name> [--db <path>]
            """,
        discussion: """
        Its responses stay. `samla import` still loads responses into it (answers collected on paper \
        or by a partner during the round). `samla round open SURVEY.yaml --name NAME` re-opens it.
        """
    )

    @Argument(help: ArgumentHelp("The round's name.", valueName: "name"))
    var positionalName: String?

    @Option(name: .customLong("round"), help: ArgumentHelp("The round's name, as other commands take it (the same as <name>).", valueName: "name"))
    var roundOption: String?

    @OptionGroup var database: StoreOptions

    init() {}

    /// The round named, by `<name>` or `--round`.
    var name: String { positionalName ?? roundOption ?? "" }

    func validate() throws {
        switch (positionalName, roundOption) {
        case (nil, nil): throw ValidationError("name the round to close, e.g. samla round close esem-se-2027 (or --round esem-se-2027)")
        case (let a?, let b?) where a != b: throw ValidationError("the round is named twice, as '\(a)' and as --round '\(b)'; give one name")
        default: break
        }
    }

    func run() throws {
        try reportingRefusals(database: database.path) {
            let store = try database.open(.writing)
            let before = try store.round(named: name)
            let round = try store.closeRound(named: name)
            printLine(before?.status == .closed ? "round \(round.name) was closed already" : "closed round \(round.name)")
        }
    }
}
