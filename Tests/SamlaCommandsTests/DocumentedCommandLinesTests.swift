import ArgumentParser
import Foundation
@testable import SamlaCommands
import Testing

/// The command lines that README.md and docs/*.md show, and the commands that `samla help` names,
/// name options their commands have, and the examples shown run (`$ samla …`) parse as written.
@Suite struct DocumentedCommandLinesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A `samla …` command line on a page: its words after `samla`, and whether it is an example run
    /// (a line of a code block after the prompt `$ `) rather than a synopsis or a mention.
    struct CommandLine {
        var place: String
        var words: [String]
        var isRun: Bool
    }

    /// Each command's long option names and subcommands, by command path (`["round", "open"]`), as
    /// `samla --experimental-dump-help` gives them.
    struct Commands {
        var options: [[String]: Set<String>] = [:]
        var subcommands: [[String]: Set<String>] = [:]
        /// The subcommand a command runs when none is named (`samla import FILE` is `samla import file FILE`).
        var defaultSubcommand: [[String]: String] = [:]
        /// Each command's help texts (abstract, discussion and its arguments' help), by command path.
        var helpTexts: [[String]: [String]] = [:]

        init() throws {
            let run = try SamlaBinary.run(["--experimental-dump-help"])
            let dump = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
            add(try #require(dump["command"] as? [String: Any]), path: [])
        }

        private mutating func add(_ command: [String: Any], path: [String]) {
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            options[path] = Set(arguments.flatMap { ($0["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }.compactMap { $0["name"] as? String } })
            helpTexts[path] = [command["abstract"], command["discussion"]].compactMap { $0 as? String } + arguments.compactMap { $0["abstract"] as? String }
            let children = command["subcommands"] as? [[String: Any]] ?? []
            subcommands[path] = Set(children.compactMap { $0["commandName"] as? String })
            defaultSubcommand[path] = command["defaultSubcommand"] as? String
            for child in children { if let name = child["commandName"] as? String { add(child, path: path + [name]) } }
        }

        /// The command `words` name (the subcommands they begin with, then the default subcommand
        /// of the last, if it has one), and the words after it.
        func command(of words: [String]) -> (path: [String], rest: ArraySlice<String>) {
            var path: [String] = []
            var rest = words[...]
            while let word = rest.first, subcommands[path]?.contains(word) == true {
                path.append(word)
                rest = rest.dropFirst()
            }
            while !path.isEmpty, let implied = defaultSubcommand[path] { path.append(implied) }
            return (path, rest)
        }

        /// The long options among `words` (`--db`, `[--db`, `--token=TOKEN`) that the command they name lacks.
        func unknownOptions(in words: [String]) -> [String] {
            let (path, rest) = command(of: words)
            return rest.compactMap { word -> String? in
                let bare = word.drop { $0 == "[" }
                guard bare.hasPrefix("--"), let name = bare.dropFirst(2).split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }).first,
                      !name.isEmpty else { return nil }
                return options[path]?.contains(String(name)) == true ? nil : "samla \(path.joined(separator: " ")) --\(name)"
            }
        }
    }

    static func pages() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return ["README.md"] + docs
    }

    /// Every `samla …` of `text`: the lines of code blocks that run it (after `$ ` and `NAME=value`,
    /// continued lines joined, a `# comment` dropped) and the code spans that begin with it.
    static func commandLines(in text: String, page: String) -> [CommandLine] {
        var found: [CommandLine] = []
        let lines = text.components(separatedBy: "\n")
        var inBlock = false
        var index = 0
        while index < lines.count {
            let number = index + 1
            var line = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            if line.hasPrefix("```") {
                inBlock.toggle()
                continue
            }
            guard inBlock else {
                for span in line.split(separator: "`", omittingEmptySubsequences: false).enumerated() where span.offset % 2 == 1 && span.element.hasPrefix("samla ") {
                    found.append(CommandLine(place: "\(page):\(number)", words: Array(shellWords(String(span.element)).dropFirst()), isRun: false))
                }
                continue
            }
            let isRun = line.hasPrefix("$ ")
            if isRun { line.removeFirst(2) }
            while let space = line.firstIndex(of: " "), line[..<space].contains("="), !line.hasPrefix("-") { line = String(line[line.index(after: space)...]) }
            guard line.hasPrefix("samla ") else { continue }
            while line.hasSuffix("\\"), index < lines.count {
                line = String(line.dropLast()) + " " + lines[index].trimmingCharacters(in: .whitespaces)
                index += 1
            }
            var words = Array(shellWords(line).dropFirst())
            if let comment = words.firstIndex(where: { $0.hasPrefix("#") }) { words = Array(words[..<comment]) }
            // Output that begins with the program's name (`samla serve: listening on …`) is no command.
            guard let first = words.first, first.allSatisfy({ $0.isLowercase || $0 == "-" }) else { continue }
            found.append(CommandLine(place: "\(page):\(number)", words: words, isRun: isRun))
        }
        return found
    }

    /// `line` split into words as a shell splits it: at spaces outside quotes, the quotes removed.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    @Test func theDocumentedCommandLinesNameOptionsTheirCommandsHave() throws {
        let commands = try Commands()
        var checked = 0
        for page in try Self.pages() {
            let text = try String(contentsOf: Self.root.appendingPathComponent(page), encoding: .utf8)
            for line in Self.commandLines(in: text, page: page) {
                checked += 1
                if let first = line.words.first, !first.hasPrefix("-"), commands.command(of: line.words).path.isEmpty {
                    Issue.record("\(line.place): samla \(first) is no command of samla")
                }
                for option in commands.unknownOptions(in: line.words) {
                    Issue.record("\(line.place): \(option) is no option of that command (samla help shows its options)")
                }
            }
        }
        #expect(checked > 100, "the pages show \(checked) command lines; the reading of them broke")
    }

    @Test func theExamplesRunInTheDocsParseAsWritten() throws {
        var runs = 0
        for page in try Self.pages() {
            let text = try String(contentsOf: Self.root.appendingPathComponent(page), encoding: .utf8)
            for line in Self.commandLines(in: text, page: page) where line.isRun {
                runs += 1
                do {
                    _ = try SamlaCommand.parseAsRoot(line.words)
                } catch {
                    Issue.record("\(line.place): samla \(line.words.joined(separator: " ")) does not parse: \(SamlaCommand.message(for: error))")
                }
            }
        }
        #expect(runs > 20, "the pages show \(runs) example runs; the reading of them broke")
    }

    /// `samla help X` names other commands (`samla erase --withdraw`): with options they have.
    @Test func theHelpTextsNameOptionsTheirCommandsHave() throws {
        let commands = try Commands()
        for (path, texts) in commands.helpTexts {
            for text in texts {
                for mention in text.components(separatedBy: "samla ").dropFirst() {
                    let (command, rest) = commands.command(of: Self.shellWords(mention))
                    guard !command.isEmpty else { continue }
                    // The options and values right after the command's words, up to the first word of prose.
                    let given = rest.prefix { $0.hasPrefix("-") || $0.contains(".") || $0.allSatisfy { $0.isUppercase || $0 == "_" } }
                    for option in commands.unknownOptions(in: command + given) {
                        Issue.record("samla help \(path.joined(separator: " ")): \(option) is no option of that command")
                    }
                }
            }
        }
    }
}
