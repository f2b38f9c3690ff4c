// serve-fixture: prepares a database for `samla serve` benchmarks and browser checks.
//
//   serve-fixture DB SURVEY.yaml [--responses N] [--lua FILE]
//
// Opens three rounds of SURVEY: ROUNDID-open (anonymous, collecting from yesterday for a year),
// ROUNDID-closed (anonymous, closed) and ROUNDID-later (anonymous, opening in a month), where
// ROUNDID is the survey's id. With --responses N, begins N anonymous responses in the open round,
// answers the first page with the definition's first choice of each required question, and
// writes FILE: a Lua table of {token, csrf} for wrk to post pages with.
import Expressions
import FormServer
import Foundation
import Intake
import Logging
import Store
import SurveyDefinition

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("serve-fixture: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name) else { return nil }
    guard i + 1 < arguments.count else { fail("\(name) needs a value") }
    let value = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
    return value
}
let responseText = option("--responses")
guard let responseCount = Int(responseText ?? "0") else { fail("--responses needs a number") }
let luaPath = option("--lua")
guard arguments.count == 2 else { fail("usage: serve-fixture DB SURVEY.yaml [--responses N] [--lua FILE]") }
let (databasePath, surveyPath) = (arguments[0], arguments[1])

let loaded = SurveyLoader.load(contentsOf: surveyPath)
guard let document = loaded.document else { fail(loaded.errors.map(\.description).joined(separator: "\n")) }
let store = try SQLiteStore(path: databasePath)
let today = CalendarDate.today()
func day(_ offset: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: today.daysSinceEpoch + offset) }
let id = document.survey.id
try store.openRound(RoundRequest(name: "\(id)-open", document: document, opens: day(-1), closes: day(365), anonymous: true))
try store.openRound(RoundRequest(name: "\(id)-closed", document: document, opens: day(-30), closes: day(30), anonymous: true))
_ = try store.closeRound(named: "\(id)-closed")
try store.openRound(RoundRequest(name: "\(id)-later", document: document, opens: day(30), closes: day(60), anonymous: true))
print("rounds: \(id)-open, \(id)-closed, \(id)-later")

if responseCount > 0 {
    let server = try FormServer(store: store, configuration: FormServerConfiguration(samlaVersion: "serve-fixture"), logger: Logger(label: "serve-fixture") { _ in SwiftLogNoOpLogHandler() })
    defer { server.shutdown() }
    let tokens = (0..<responseCount).map { _ in InvitationToken.random() }
    let begun = try store.commit(tokens.map { token -> CollectionWrite in
        .beginAnonymous(AnonymousStart(round: "\(id)-open", language: document.survey.languages[0], tokenHash: token.hash, today: today))
    })
    // The first page's required single choices, answered with their first choice.
    let firstPage = document.survey.pages[0]
    var answers: [String: AnswerValue?] = [:]
    for question in firstPage.questions where question.required && question.type == .selectOne {
        if let first = document.survey.choices(for: question).first { answers[question.name] = .choice(first.value) }
    }
    let nextPage = document.survey.pages.count > 1 ? document.survey.pages[1].id : firstPage.id
    let saves: [CollectionWrite] = try begun.results.map { result in
        guard case .response(let record) = try result.get() else { fail("a response was not begun") }
        return .savePage(PageSave(target: .response(record.id), answers: answers, currentPage: nextPage, language: record.language, completes: false, today: today))
    }
    for result in try store.commit(saves).results { _ = try result.get() }
    if let luaPath {
        var lua = "return {\n"
        for token in tokens {
            lua += "  {\"\(token.text)\", \"\(server.csrfToken(forLink: token.text))\"},\n"
        }
        lua += "}\n"
        try lua.write(toFile: luaPath, atomically: true, encoding: .utf8)
    }
    print("responses: \(responseCount) begun in \(id)-open\(luaPath.map { ", tokens in \($0)" } ?? "")")
}
