import ArgumentParser

/// `samla round close NAME`: stops a round taking responses; `samla round open` re-opens it.
struct RoundCloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a round: it takes no more responses on the web or the API, and no invitations.",
        discussion: """
        Its responses stay. `samla import` still loads responses into it (answers collected on paper \
        or by a partner during the round). `samla round open SURVEY.yaml --name NAME` re-opens it.
        """
    )

    @Argument(help: ArgumentHelp("The round's name.", valueName: "name"))
    var name: String

    @OptionGroup var database: StoreOptions

    init() {}

    func run() throws {
        try reportingRefusals(database: database.path) {
            let store = try database.open(.writing)
            let before = try store.round(named: name)
            let round = try store.closeRound(named: name)
            printLine(before?.status == .closed ? "round \(round.name) was closed already" : "closed round \(round.name)")
        }
    }
}
