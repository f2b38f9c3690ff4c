@testable import SamlaCommands
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

/// A mistyped option that ArgumentParser does not name: `samla import --rond r f.csv` was refused
/// only for the missing `--round`, since the required option is checked before unknown ones.
@Suite struct OptionNameTypoTests {
    @Test func aMistypedRequiredOptionOfTheDefaultSubcommandIsNamed() throws {
        let run = try SamlaBinary.run(["import", "--rond", "r-1", "svar.csv"])
        #expect(run.status == 2)
        #expect(run.errors.contains("Missing expected argument '--round <name>'"), "\(run.errors)")
        #expect(run.errors.contains("'--rond' is not an option of samla import; did you mean '--round'? (`samla import --help` lists them)"), "\(run.errors)")
    }

    @Test func aMistypedOptionWithAnEqualsSignIsNamed() throws {
        let run = try SamlaBinary.run(["export", "--rond=r-1", "--out", "ut"])
        #expect(run.status == 2)
        #expect(run.errors.contains("'--rond' is not an option of samla export; did you mean '--round'?"), "\(run.errors)")
    }

    @Test func anOptionArgumentParserAlreadyNamesIsNotNamedTwice() throws {
        let run = try SamlaBinary.run(["export", "--round", "r-1", "--out", "ut", "--formatt", "csv"])
        #expect(run.status == 2)
        #expect(run.errors.contains("Unknown option '--formatt'. Did you mean '--format'?"), "\(run.errors)")
        #expect(!run.errors.contains("is not an option of"), "\(run.errors)")
    }

    @Test func anOptionNearNoneGetsNoSuggestion() throws {
        let run = try SamlaBinary.run(["import", "--zzzzzzzz", "svar.csv"])
        #expect(run.status == 2)
        #expect(!run.errors.contains("is not an option of"), "\(run.errors)")
    }

    @Test func theOptionsOfAHelpMessageAreReadFromItsOptionsSection() {
        let help = """
        OVERVIEW: Uses --not-an-option in its text.

        USAGE: samla x --round <name>

        OPTIONS:
          --round <name>          The round.
          -o, --out <dir>         The folder; see --elsewhere.
          --include-partial/--no-include-partial
                                  Partial rows too.
          --version               Show the version.
        """
        #expect(SamlaCommand.optionNames(in: help) == ["--round", "--out", "--include-partial", "--no-include-partial", "--version"])
    }
}

/// `samla help WORD` for a word that names no command printed the root's help with status 0, as if
/// the topic were found; it is now a usage error naming the command meant.
@Suite struct HelpTopicTests {
    @Test func anUnknownTopicIsAUsageErrorWithTheNearCommand() throws {
        let run = try SamlaBinary.run(["help", "improt"])
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.errors == "Error: 'improt' is not a command of samla; did you mean 'samla import'? (`samla --help` lists them)\n", "\(run.errors)")
        let nested = try SamlaBinary.run(["help", "round", "lst"])
        #expect(nested.status == 2)
        #expect(nested.errors.contains("'lst' is not a command of samla round; did you mean 'samla round list'?"), "\(nested.errors)")
        let far = try SamlaBinary.run(["help", "zzzzzz"])
        #expect(far.status == 2)
        #expect(far.errors == "Error: 'zzzzzz' is not a command of samla (`samla --help` lists them)\n", "\(far.errors)")
    }

    @Test func aKnownTopicShowsItsHelp() throws {
        let run = try SamlaBinary.run(["help", "round", "list"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("USAGE: samla round list"), "\(run.output)")
    }
}
