import Foundation
import Testing

/// docs/diagnostics.md shows an example message for every code. For the codes that the repository's
/// broken definitions produce, the example is the message `samla validate` prints for one of them, so
/// that a changed message fails here until its example is changed with it.
@Suite struct DiagnosticExamplesTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtureFolders = [
        "Tests/SurveyDefinitionTests/Fixtures/broken", "Tests/FrameworksTests/Fixtures/broken", "Tests/ReportsTests/Fixtures",
    ]

    /// Codes whose example shows another input than the fixtures (MSI's own survey, framework or
    /// report, or another form of the message), so that no fixture prints it word for word.
    static let examplesOfOtherInputs: Set<String> = [
        "E005", "E119", "E308", "E313", "E321", "E340", "E500", "E501", "E502", "E503", "E505", "E506", "E507", "W302",
    ]

    /// The example messages of each code: the text after `[CODE]: ` on the lines of its section's code blocks.
    static func documentedExamples() throws -> [String: [String]] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        var examples: [String: [String]] = [:]
        var code = ""
        var inBlock = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") { code = String(line.dropFirst(4).prefix { $0 != ":" }) }
            if line.hasPrefix("```") { inBlock.toggle(); continue }
            guard inBlock, let marker = line.range(of: "[\(code)]: ") else { continue }
            examples[code, default: []].append(String(line[marker.upperBound...]))
        }
        return examples
    }

    /// The messages `samla validate --format json` gives for the definitions of `folder`, by code.
    static func messages(of folder: String) throws -> [String: Set<String>] {
        let path = root.appendingPathComponent(folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: path.path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { path.appendingPathComponent($0).path }
        let run = try SamlaBinary.run(["validate", "--format", "json"] + files)
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.errors)")
        var messages: [String: Set<String>] = [:]
        for entry in try #require(object["diagnostics"] as? [[String: Any]]) {
            guard let code = entry["code"] as? String, let message = entry["message"] as? String else { continue }
            messages[code, default: []].insert(message)
        }
        return messages
    }

    @Test func theExampleOfACodeTheFixturesProduceIsAMessageTheyGet() throws {
        let examples = try Self.documentedExamples()
        var produced: [String: Set<String>] = [:]
        for folder in Self.fixtureFolders {
            produced.merge(try Self.messages(of: folder)) { $0.union($1) }
        }
        #expect(produced.count > 80, "the fixtures produce \(produced.count) codes")
        for (code, messages) in produced.sorted(by: { $0.key < $1.key }) {
            let shown = examples[code] ?? []
            let matches = shown.contains { messages.contains($0) }
            if Self.examplesOfOtherInputs.contains(code) {
                #expect(!matches, "the example of \(code) is a fixture's message now: take \(code) out of examplesOfOtherInputs")
            } else {
                #expect(matches, "docs/diagnostics.md's example of \(code), \(shown), is none of the messages samla validate gives the fixtures: \(messages.sorted())")
            }
        }
    }
}
