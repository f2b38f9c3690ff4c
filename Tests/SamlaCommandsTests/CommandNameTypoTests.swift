import Testing

/// A mistyped command name: ArgumentParser said only "Unexpected argument 'hepl'" or, with an
/// option after it, "Unknown option '--round'", which sent the user to the option; the command
/// meant is now named, and the exit status stays that of a usage error.
@Suite struct CommandNameTypoTests {
    @Test func aMistypedCommandIsNamedWithTheNearOne() throws {
        let run = try SamlaBinary.run(["improt", "--round", "r-1", "svar.csv"])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("'improt' is not a command of samla; did you mean 'samla import'? (`samla --help` lists them)"), "\(run.errors)")
    }

    @Test func aMistypedSubcommandOfRoundIsNamedWithTheNearOne() throws {
        let run = try SamlaBinary.run(["round", "lst"])
        #expect(run.status == 2)
        #expect(run.errors.contains("'lst' is not a command of samla round; did you mean 'samla round list'?"), "\(run.errors)")
    }

    @Test func aWordNearNoCommandGetsNoSuggestion() throws {
        let run = try SamlaBinary.run(["zzzzzz"])
        #expect(run.status == 2)
        #expect(!run.errors.contains("did you mean"), "\(run.errors)")
    }
}
