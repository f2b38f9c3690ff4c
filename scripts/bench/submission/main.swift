// submission-bench: the web form's posted pages through `SubmissionService`, without HTTP: what
// a post costs in Samla's own code (open, check, diff, group commit with synchronous=FULL), apart
// from Hummingbird and the network.
//
//   submission-bench DB TOKENS.lua [--kept N] [--connections C] [--posts P]
//
// DB and TOKENS.lua come from serve-fixture. C tasks post P pages each, one link per task,
// alternating the "respondent" and "organisation" pages of the ESEM form with changing values (as
// serve-post.lua does), so every post is checked and saves something. Prints the CPU time per
// post (user + system of the process), the posts per second and the writer's batching.
import Expressions
import Foundation
import Intake
import Responses
import Store

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("submission-bench: \(message)\n".utf8))
    exit(2)
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func number(_ name: String, default value: Int) -> Int {
    guard let i = arguments.firstIndex(of: name) else { return value }
    guard i + 1 < arguments.count, let n = Int(arguments[i + 1]), n >= 0 else { fail("\(name) needs a number") }
    arguments.removeSubrange(i...(i + 1))
    return n
}
let kept = number("--kept", default: 4096)
let connections = number("--connections", default: 64)
let postsPerConnection = number("--posts", default: 400)
guard arguments.count == 2 else { fail("usage: submission-bench DB TOKENS.lua [--kept N] [--connections C] [--posts P]") }

// The tokens are the first string of each {"token", "csrf"} entry serve-fixture wrote.
let tokens = try String(contentsOfFile: arguments[1], encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
    guard let start = line.range(of: "{\"") else { return nil }
    return String(line[start.upperBound...].prefix { $0 != "\"" })
}
guard tokens.count >= connections else { fail("\(arguments[1]) has \(tokens.count) links for \(connections) connections") }

let roles = ["founder", "ceo", "board", "employee"]
let stages = ["idea", "startup", "growth", "established"]

/// The page a connection posts the `round`th time, with values that change from round to round.
func page(_ round: Int) -> PagePost {
    if round % 2 == 0 {
        return PagePost(page: "respondent", fields: [
            "resp_role": .text(roles[(round / 2) % 4]), "registered": .text("yes"),
            "prio_fin": .text(String(round % 11)), "prio_imp": .text(String((round + 3) % 11)),
        ], action: .next, language: "sv")
    }
    return PagePost(page: "organisation", fields: [
        "legal_form": .text("ekonomisk_forening"), "year_founded": .text(String(1990 + round % 30)), "stage": .text(stages[(round / 2) % 4]),
        "region": .text("M"), "scope": .selections(["local", "regional"]), "sector": .text("Q"), "sdg": .selections(["3", "8"]),
        "customers": .text("public"),
    ], action: .next, language: "sv")
}

nonisolated func run(_ service: SubmissionService) async throws {
    let cpu = cpuSeconds()
    let started = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for connection in 0..<connections {
            group.addTask {
                for round in 0..<postsPerConnection {
                    let outcome = try await service.openForPost(token: tokens[connection]) { (response: consuming WebResponse?) in
                        if case .none = response { fail("a link of the fixture opens nothing") }
                        var post = page(round)
                        return try await service.post(&post, to: response.take()!)
                    }
                    guard case .moved = outcome else { fail("a post was not saved: \(outcome)") }
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let posts = connections * postsPerConnection
    let statistics = service.writer.currentStatistics
    print(String(
        format: "%d posts (%d links, kept %d): %.1f µs of CPU per post, %.0f posts/s; %d commits, largest batch %d",
        posts, connections, kept, (cpuSeconds() - cpu) / Double(posts) * 1e6, Double(posts) / seconds, statistics.commits, statistics.largestBatch))
}

let service = SubmissionService(store: try SQLiteStore(path: arguments[0]), keptResponses: kept)
try await run(service)
service.shutdown()
