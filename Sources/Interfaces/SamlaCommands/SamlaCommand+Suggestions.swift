import ArgumentParser
import Diagnostics

extension SamlaCommand {
    /// "Did you mean …?" for a mistyped command name (`samla improt`, `samla round lst`), which
    /// ArgumentParser refuses as an unexpected argument or an unknown option without naming the
    /// command meant; nil when the words before the first option name commands.
    static func subcommandSuggestion(for arguments: [String]) -> String? {
        let walk = CommandWalk(arguments)
        guard let word = walk.unknown else { return nil }
        let names = walk.subcommandNames + (walk.path == "samla" ? ["help"] : [])
        guard let near = Suggestions.closest(to: word, in: names) else { return nil }
        return "'\(word)' is not a command of \(walk.path); did you mean '\(walk.path) \(near)'? (`\(walk.path) --help` lists them)"
    }

    /// The refusal of `samla help WORDS` for words that name no command, which ArgumentParser
    /// answers with the root's help and status 0; nil when they name one (or none is given).
    static func unknownHelpTopic(in arguments: [String]) -> String? {
        guard arguments.first == "help", arguments.count > 1 else { return nil }
        let walk = CommandWalk(Array(arguments.dropFirst()))
        guard let word = walk.unknown else { return nil }
        let near = Suggestions.closest(to: word, in: walk.subcommandNames)
        return "Error: '\(word)' is not a command of \(walk.path)" + (near.map { "; did you mean '\(walk.path) \($0)'?" } ?? "")
            + " (`\(walk.path) --help` lists them)"
    }

    /// "Did you mean …?" for a mistyped option that ArgumentParser's `refusal` does not name:
    /// `samla import --rond r f.csv` is refused for the missing `--round`, not for `--rond`.
    /// Nil when every option given is the command's own, or near none of them.
    static func optionSuggestion(for arguments: [String], refusal: String) -> String? {
        let walk = CommandWalk(arguments)
        let path = walk.path
        let known = optionNames(in: helpMessage(for: walk.command.configuration.defaultSubcommand ?? walk.command, columns: 1_000))
        for argument in arguments.prefix(while: { $0 != "--" }) where argument.hasPrefix("--") {
            let option = String(argument.prefix(while: { $0 != "=" }))
            guard !known.contains(option), !["--help", "--version"].contains(option),
                  !refusal.contains("'\(option)'"),
                  let near = Suggestions.closest(to: option, in: known) else { continue }
            return "'\(option)' is not an option of \(path); did you mean '\(near)'? (`\(path) --help` lists them)"
        }
        return nil
    }

    /// The long option names a help message lists under OPTIONS, as `--name` (both of
    /// `--include-partial/--no-include-partial`, and `--out` of `-o, --out <dir>`).
    static func optionNames(in help: String) -> [String] {
        var names: [String] = []
        var inOptions = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") { inOptions = line.hasPrefix("OPTIONS:") }
            let entry = line.drop(while: { $0 == " " })
            guard inOptions, entry.hasPrefix("-") else { continue }
            let synopsis = entry.components(separatedBy: "  ")[0]
            for word in synopsis.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "," }) where word.hasPrefix("--") {
                names.append(String(word.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" })))
            }
        }
        return names
    }
}

/// The command that the words of a command line name, read from the start up to the first option
/// or the first word that names no subcommand: `round open x.yaml` names `samla round open`.
struct CommandWalk {
    let command: any ParsableCommand.Type
    /// How the command is called: `samla round open`.
    let path: String
    /// The first word that names none of the command's subcommands; nil when every word before the
    /// first option names one, or the command has none (its words are its arguments).
    let unknown: String?

    init(_ words: [String]) {
        var command: any ParsableCommand.Type = SamlaCommand.self
        var path = ["samla"]
        var unknown: String?
        for word in words {
            guard !word.hasPrefix("-") else { break }
            let subcommands = command.configuration.subcommands
            guard let next = subcommands.first(where: { $0._commandName == word }) else {
                if !subcommands.isEmpty { unknown = word }
                break
            }
            command = next
            path.append(word)
        }
        (self.command, self.path, self.unknown) = (command, path.joined(separator: " "), unknown)
    }

    /// The names of the command's subcommands.
    var subcommandNames: [String] { command.configuration.subcommands.map { $0._commandName } }
}
