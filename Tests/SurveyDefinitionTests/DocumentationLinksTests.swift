import Foundation
import Testing

/// Every relative link of README.md and docs/*.md opens a file of the repository, and a link to a
/// heading (`import.md#the-file`) finds that heading, as GitHub names its anchors.
@Suite struct DocumentationLinksTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func pages() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        return ["README.md"] + docs
    }

    /// The lines of a page outside its fenced code blocks, with their numbers.
    static func prose(of page: String) throws -> [(number: Int, line: Substring)] {
        let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
        var inFence = false
        var result: [(Int, Substring)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") {
                inFence.toggle()
                continue
            }
            if !inFence { result.append((index + 1, line)) }
        }
        return result
    }

    /// GitHub's anchor for a heading: lowercased, letters, digits, `-` and `_` kept, each space a
    /// `-`, everything else dropped; a repeated anchor gets `-1`, `-2`, … .
    static func anchors(of page: String) throws -> Set<String> {
        var seen: [String: Int] = [:]
        var result: Set<String> = []
        for (_, line) in try prose(of: page) where line.hasPrefix("#") {
            let hashes = line.prefix { $0 == "#" }
            guard hashes.count <= 6, line.dropFirst(hashes.count).first == " " else { continue }
            var slug = ""
            for character in line.dropFirst(hashes.count).trimmingCharacters(in: .whitespaces).lowercased() {
                if character == " " {
                    slug.append("-")
                } else if character.isLetter || character.isNumber || character == "-" || character == "_" {
                    slug.append(character)
                }
            }
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            result.insert(count == 0 ? slug : "\(slug)-\(count)")
        }
        return result
    }

    @Test func anchorsAreNamedAsGitHubNamesThem() throws {
        let anchors = try Self.anchors(of: "docs/exports.md")
        #expect(anchors.contains("spss-and-pspp-responsessps"))
        #expect(anchors.contains("excel-in-a-swedish-locale---delimiter----decimal-comma"))
        #expect(!anchors.contains("spss-and-pspp-responses.sps"))
    }

    @Test func relativeLinksFindTheirFileAndHeading() throws {
        let link = /\]\(([^)\s]+)\)/
        var checked = 0
        for page in try Self.pages() {
            let folder = (page as NSString).deletingLastPathComponent
            for (number, line) in try Self.prose(of: page) {
                for match in line.matches(of: link) {
                    let target = String(match.output.1)
                    if target.contains("://") || target.hasPrefix("mailto:") { continue }
                    checked += 1
                    let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                    let file = parts[0].isEmpty ? page : ((folder as NSString).appendingPathComponent(String(parts[0])) as NSString).standardizingPath
                    guard FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(file).path) else {
                        Issue.record("\(page):\(number) links to \(target): there is no \(file)")
                        continue
                    }
                    if parts.count == 2, file.hasSuffix(".md") {
                        #expect(try Self.anchors(of: file).contains(String(parts[1])), "\(page):\(number) links to \(target): \(file) has no such heading")
                    }
                }
            }
        }
        #expect(checked > 50, "the pages' relative links were found (\(checked))")
    }
}
