import Foundation
import HTML
import Testing
import Logging
import Store
import SurveyDefinition
@testable import FormServer

/// The small parts of the server: form bodies, language choice, JSON answers,
/// secrets, signatures, admin sessions, progress.
@Suite struct BuildingBlockTests {
    @Test func formBodiesDecodeAsBrowsersEncode() throws {
        let body = try #require(FormBody(Array("a=1&sdg=3&sdg=8&text=%C3%85sa+%26+%C3%96rjan%0D%0Ab&empty=&flag".utf8)))
        #expect(body["a"] == "1")
        #expect(body.all("sdg") == ["3", "8"])
        #expect(body["text"] == "Åsa & Örjan\r\nb")
        #expect(body["empty"] == "")
        #expect(body["flag"] == "")
        #expect(body["missing"] == nil)
        #expect(FormBody(Array("a=%ZZ".utf8)) == nil, "a bad escape")
        #expect(FormBody(Array("a=%FF".utf8)) == nil, "not UTF-8")
        #expect(FormBody.decode(Array(FormBody.encode("x = 1 & ö/ü").utf8)) == "x = 1 & ö/ü")
        let edges = try #require(FormBody(Array("&&a==b&%C3%A5=%C3%A5&=nameless&b&".utf8)))
        #expect(edges.fields == ["a": ["=b"], "å": ["å"], "": ["nameless"], "b": [""]], "only the first = splits; empty pairs are skipped")
        #expect(FormBody(Array("ok=1&bad=".utf8) + [0xFF]) == nil, "raw bytes that are not UTF-8")
        #expect(FormBody([UInt8]())?.fields == [:])
    }

    /// Every survey under surveys/, a new one too (the Samverkansforum survey's `hours` was shown as "hours").
    @Test func everyUnitOfTheShippedSurveysIsWrittenInSwedish() throws {
        let folder = TestEnvironment.repository.appendingPathComponent("surveys")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.contains("samverkansforum.yaml"))
        for file in files {
            let loaded = SurveyLoader.load(contentsOf: TestEnvironment.repository.appendingPathComponent("surveys/" + file).path)
            let survey = try #require(loaded.document?.survey, "\(file)")
            for unit in Set(survey.questions.compactMap(\.unit)) {
                #expect(UIText("sv").unit(unit) != unit, "\(file): the unit \(unit) is shown untranslated on Swedish pages")
            }
        }
    }

    @Test func theErrorSummaryNamesTheQuestionThenTheProblem() {
        #expect(FormPageView.summaryLine(label: "Hur många anställda?", message: "ett svar krävs") == "Hur många anställda? Ett svar krävs")
        #expect(FormPageView.summaryLine(label: "Ålder", message: "ett svar krävs") == "Ålder: ett svar krävs")
        #expect(FormPageView.summaryLine(label: "Hur viktigt? – Personal", message: "välj ett svar") == "Hur viktigt? – Personal: välj ett svar")
        #expect(FormPageView.summaryLine(label: "Vilket år?", message: "”nio” är inte ett heltal") == "Vilket år? ”nio” är inte ett heltal")
    }

    @Test func theLanguageComesFromTheQueryThenTheBrowser() {
        let offered = ["sv", "en"]
        #expect(LanguageChoice.choose(query: "en", acceptLanguage: "sv", offered: offered) == "en")
        #expect(LanguageChoice.choose(query: "fi", acceptLanguage: "en-GB,en;q=0.9", offered: offered) == "en")
        #expect(LanguageChoice.choose(query: nil, acceptLanguage: "de-DE,de;q=0.9,en;q=0.5,sv;q=0.4", offered: offered) == "en")
        #expect(LanguageChoice.choose(query: nil, acceptLanguage: "en;q=0.2, sv-SE", offered: offered) == "sv")
        #expect(LanguageChoice.choose(query: nil, acceptLanguage: "sv;q=0, en;q=0", offered: offered) == "sv", "q=0 is refusal; the default remains")
        // Only the first 16 languages are read: an 80 KiB header costs no more than a browser's.
        let long = Array(repeating: "de", count: 16).joined(separator: ",")
        #expect(LanguageChoice.choose(query: nil, acceptLanguage: long + ",en", offered: offered) == "sv")
        #expect(LanguageChoice.choose(query: nil, acceptLanguage: String(long.dropLast(3)) + ",en", offered: offered) == "en")
        #expect(LanguageChoice.choose(query: nil, acceptLanguage: nil, offered: ["en", "sv"]) == "en")
    }

    @Test func adminTimesAreLocalTimes() throws {
        let late = try #require(Timestamp(iso: "2025-10-12T22:30:59.999Z"))
        let zone = { (name: String) in try #require(TimeZone(identifier: name)) }
        #expect(AdminViews.shortTime(late, in: try zone("Europe/Stockholm")) == "2025-10-13 00:30")
        #expect(AdminViews.shortTime(late, in: try zone("UTC")) == "2025-10-12 22:30")
        #expect(AdminViews.shortTime(late, in: try zone("America/New_York")) == "2025-10-12 18:30")
        #expect(AdminViews.shortTime(try #require(Timestamp(iso: "1969-12-31T23:05:00.000Z")), in: try zone("UTC")) == "1969-12-31 23:05")
        // A response's page gives the same local time as the round page, then the exact stored time.
        // No day broken at 320 px, as in the admin tables (the stored time broke at its hyphens); it may break after its T.
        var html = HTMLBuilder()
        AdminViews.exactTime(late, in: try zone("Europe/Stockholm"), into: &html)
        #expect(html.output == #"<span class="date">2025-10-13 00:30</span> <span class="date">(2025-10-12T</span><wbr><span class="date">22:30:59.999Z)</span>"#)
    }

    @Test func jsonAnswersKeepTheirKinds() throws {
        let answers = try JSONAnswers.decode(Data(#"{"t": "3,5", "i": 12, "d": 2.5, "b": true, "n": null, "c": ["3", 8]}"#.utf8)).get().answers
        #expect(answers["t"] == .some(.text("3,5")))
        #expect(answers["i"] == .some(.integer(12)))
        #expect(answers["d"] == .some(.decimal(2.5)))
        #expect(answers["b"] == .some(.boolean(true)))
        #expect(answers["n"] == .some(nil))
        #expect(answers["c"] == .some(.choices(["3", "8"])))
        for bad in [#"[1]"#, #""text""#, "{", #"{"a": {"b": 1}}"#, #"{"a": [[1]]}"#, #"{"a": [true]}"#] {
            #expect(throws: JSONAnswers.Problem.self, "\(bad)") { try JSONAnswers.decode(Data(bad.utf8)).get() }
        }
        func message(_ body: String) -> String? {
            if case .failure(let problem) = JSONAnswers.decode(Data(body.utf8)) { return problem.message }
            return nil
        }
        #expect(message(#"{"turnover": 1e400}"#)?.hasPrefix("the value of turnover is a number beyond what a decimal holds") == true)
        #expect(message(#"{"turnover": {"sek": 1}}"#)?.hasPrefix("the value of turnover is a JSON object") == true)
    }

    /// Each answer is kept as the body wrote it, for the problems to show: JSONDecoder read
    /// `99999999999999999999` as 1e20, which the message showed as `100000000000000000000`.
    @Test func jsonAnswersKeepTheirTextAsSent() throws {
        let body = "{\"big\": 99999999999999999999, \"d\": 2.50, \"e\": 5E0, \"list\" :[ 5 ,\n \"a\\\"b\" ], \"b\": true, \"t\": \" x \", \"n\": null}"
        let decoded = try JSONAnswers.decode(Data(body.utf8)).get()
        #expect(decoded.answers["big"] == .some(.decimal(1e20)))
        #expect(decoded.valuesAsSent == ["big": "99999999999999999999", "d": "2.50", "e": "5E0", "list": #"[5, "a\"b"]"#,
                                         "b": "true", "t": #"" x ""#, "n": "null"])
        #expect(JSONMembers.read(Data(#"{"o": {"a": [1,2]}, "p": -0.5}"#.utf8)) == [.init(name: "o", text: #"{"a": [1, 2]}"#), .init(name: "p", text: "-0.5")])
    }

    /// A string that is no text (bytes that are not UTF-8, as a Latin-1 client sends "ö", or half
    /// a surrogate pair) is named as such: it was "a number beyond what a decimal holds".
    @Test func aStringThatIsNoTextIsNamedAsSuch() throws {
        func problem(_ bytes: [UInt8]) -> JSONAnswers.Problem? {
            if case .failure(let problem) = JSONAnswers.decode(Data(bytes)) { return problem }
            return nil
        }
        let latin1 = Array(#"{"org_name": "F"#.utf8) + [0xF6] + Array(#"reningen"}"#.utf8)
        for body in [latin1, Array(#"{"org_name": "\ud800"}"#.utf8), Array(#"{"org_name": ["3", "\udc00x"]}"#.utf8)] {
            let found = problem(body)
            #expect(found?.field == "org_name", "\(body)")
            #expect(found?.message == "the value of org_name holds a string that is not text (bytes that are not UTF-8, or a \\u escape of half a surrogate pair); send its text in UTF-8")
        }
        // A name that is no text leaves no field to blame: the body is not UTF-8.
        #expect(problem(Array(#"{"F"#.utf8) + [0xF6] + Array(#"": 1}"#.utf8))?.message == "the body is not UTF-8 text; send the JSON object of answers in UTF-8")
        #expect(problem(Array(#"{"turnover": 1e400}"#.utf8))?.message.hasPrefix("the value of turnover is a number beyond") == true)
    }

    @Test func anAnswerGivenTwiceIsRefusedNotPickedFrom() throws {
        func problem(_ body: String) -> JSONAnswers.Problem? {
            if case .failure(let problem) = JSONAnswers.decode(Data(body.utf8)) { return problem }
            return nil
        }
        #expect(problem(#"{"founded": 2016, "sdg": ["3"], "founded": 2017}"#)?.message == "founded is given twice in the body; give each answer once")
        #expect(problem(#"{"founded": 2016, "sdg": ["3"], "founded": 2017}"#)?.field == "founded")
        // Also after a byte order mark, which JSONDecoder reads past.
        #expect(problem("\u{FEFF}" + #"{"founded": 2016, "founded": 2017}"#)?.field == "founded")
        // Escapes are read before names are compared.
        #expect(problem(#"{"namn": "a", "n\u0061mn": "b"}"#)?.field == "namn")
        #expect(problem(#"{"a\"b": 1, "a\"b" : 2}"#)?.field == #"a"b"#)
        // Names inside strings or other values, and values equal to names, are no repeats.
        for body in [#"{"a": "a", "b": ["a", "b"], "c": "\"a\": 1", "d": "{\"d\": 2}"}"#, #"{"a": 1, "ab": 2, "A": 3}"#, "{}"] {
            #expect(problem(body) == nil, "\(body)")
        }
        #expect(JSONMembers.read(Data(#"{"x": [{"y": 1}, {"y": 2}], "y": 3}"#.utf8)).map(\.name) == ["x", "y"])
        // A body in UTF-16, which JSONDecoder reads and the search for repeated names does not, is
        // refused as not UTF-8: it was taken with one of the two answers.
        let units: [UInt16] = Array(#"{"founded": 2016, "founded": 2017}"#.utf16)
        let littleEndian: [UInt8] = units.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let bigEndian: [UInt8] = [0xFE, 0xFF] + units.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        for body in [littleEndian, bigEndian] {
            if case .failure(let problem) = JSONAnswers.decode(Data(body)) {
                #expect(problem.message == "the body is not UTF-8 text; send the JSON object of answers in UTF-8")
            } else {
                Issue.record("a UTF-16 body was taken")
            }
        }
    }

    @Test func secretsComeFromAFileOrTheEnvironmentAndAreNeverShort() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("secret").path
        try "a-long-enough-secret-value\n".write(toFile: file, atomically: true, encoding: .utf8)

        let fromFile = try #require(try APIClients.load(file: file, environment: "X", environment: ["X": "ignored-ignored-ignored"]).get()?.clients.first?.secret)
        #expect(fromFile.matches("a-long-enough-secret-value"))
        #expect(!fromFile.matches("a-long-enough-secret-valuE"))
        #expect(!fromFile.matches(nil))
        #expect(!fromFile.description.contains("a-long"), "the description never shows the secret")
        #expect(try Secret.load(environment: "X", environment: [:]).get() == nil, "no default")
        #expect(try Secret.load(environment: "X", environment: ["X": "env-secret-0123456789"]).get()?.matches("env-secret-0123456789") == true)
        guard case .failure(let short) = Secret.load(environment: "X", environment: ["X": "short"]) else {
            Issue.record("a short secret was taken")
            return
        }
        #expect(short.code.id == "E477")
        let missingFile = folder.appendingPathComponent("nope").path
        guard case .failure(let missing) = APIClients.load(file: missingFile, environment: "X", environment: [:]) else {
            Issue.record("a missing file was taken")
            return
        }
        #expect(missing.diagnostics.map(\.description) == [
            "\(missingFile): error[E476]: there is no API tokens file here; check the path",
        ], "a mistyped path is named as such, not as a file of another encoding")
        let latin1 = folder.appendingPathComponent("latin1.txt")
        try Data([0x6B, 0x3A, 0x20, 0xE5, 0xE4, 0xF6] + Array("0123456789abcdefgh".utf8)).write(to: latin1)
        guard case .failure(let notText) = APIClients.load(file: latin1.path, environment: "X", environment: [:]) else {
            Issue.record("a file in Latin-1 was taken")
            return
        }
        #expect(notText.diagnostics.map(\.description) == [
            "\(latin1.path): error[E476]: the API tokens file is not UTF-8 text; save it as UTF-8",
        ])
        guard case .failure(let isFolder) = APIClients.load(file: folder.path, environment: "X", environment: [:]) else {
            Issue.record("a folder was taken")
            return
        }
        #expect(isFolder.diagnostics.map(\.description) == [
            "\(folder.path): error[E476]: this is a folder, not the API tokens file; give the path of the file",
        ])
    }

    @Test func signaturesAndSessions() {
        let signer = RequestSigner(secret: Array(repeating: 7, count: 32))
        let token = signer.respondentToken(linkTokenHash: "abc")
        // HMAC-SHA256 of "respondent-form\0abc" under 32 bytes of 7, as Python's hmac computes it.
        #expect(token == "GscTBQo9JOFS_KeeM4I0nTaB7Jw40bVb0n-sWROdIs8")
        #expect(signer.respondentToken(linkTokenHash: "abc") == token, "the keyed HMAC is copied, not used up")
        #expect(signer.verify(token, "respondent-form", "abc"))
        #expect(!signer.verify(token, "respondent-form", "abd"))
        #expect(!signer.verify(token, "admin-login", "abc"))
        #expect(!RequestSigner(secret: Array(repeating: 8, count: 32)).verify(token, "respondent-form", "abc"))
        #expect(!signer.verify(String(token.dropLast()), "respondent-form", "abc"), "shorter")
        #expect(!signer.verify(token + "A", "respondent-form", "abc"), "longer")
        #expect(!signer.verify(String(token.dropLast()) + "9", "respondent-form", "abc"), "the last character differs")
        #expect(!signer.verify("", "respondent-form", "abc"))
        // A start form's token is bound to its round under its own purpose: never a link's token, nor the reverse.
        let start = signer.startToken(round: "abc")
        #expect(signer.verifyStartToken(start, round: "abc"))
        #expect(!signer.verifyStartToken(start, round: "abd"))
        #expect(start != token && !signer.verifyStartToken(token, round: "abc") && !signer.verify(start, "respondent-form", "abc"))
        #expect(!signer.verifyStartToken(nil, round: "abc"))

        let admins = AdminRoster([AdminRoster.Admin(name: "anna", secret: Secret("admin-secret-0123456789"))])
        let sessions = AdminSessions(serverSigner: signer, roster: admins, secureCookies: false)
        let now = Date()
        let session = sessions.newSession(admin: "anna", now: now)
        let cookie = sessions.cookieValue(session, usedAt: now)
        let nonce = Optional(session.nonce)
        #expect(sessions.check(cookie, now: now) == .valid(session))
        #expect(session.expiresAt == Int64(now.timeIntervalSince1970 + AdminSessions.lifetime))
        #expect(sessions.check(cookie, now: now.addingTimeInterval(AdminSessions.defaultIdleLimit)) == .ended(.idle, nonce: session.nonce))
        let used = sessions.cookieValue(session, usedAt: now.addingTimeInterval(AdminSessions.lifetime - 60))
        #expect(sessions.check(used, now: now.addingTimeInterval(AdminSessions.lifetime)) == .ended(.lifetime, nonce: session.nonce), "expired")
        #expect(sessions.check(cookie + "x", now: now) == .ended(.revoked, nonce: session.nonce), "tampered: signed in by no admin's key")
        #expect(sessions.check("not-a-session", now: now) == .none)
        let rotated = AdminSessions(serverSigner: signer, roster: AdminRoster([AdminRoster.Admin(name: "anna", secret: Secret("another-secret-0123456789"))]), secureCookies: false)
        #expect(rotated.check(cookie, now: now) == .ended(.revoked, nonce: session.nonce), "a new secret ends the admin's sessions")
        let renamed = AdminSessions(serverSigner: signer, roster: AdminRoster([AdminRoster.Admin(name: "bo", secret: Secret("admin-secret-0123456789"))]), secureCookies: false)
        #expect(renamed.check(cookie, now: now) == .ended(.revoked, nonce: session.nonce), "an admin no longer in the file is signed out")
        #expect(sessions.verifyCSRF(sessions.csrfToken(session: nonce!), session: nonce!))
        #expect(!sessions.verifyCSRF(sessions.csrfToken(session: "other"), session: nonce!))
        #expect(sessions.verifyLoginToken(sessions.loginToken(nonce: "n1"), nonce: "n1"))
        #expect(!sessions.verifyLoginToken(sessions.loginToken(nonce: "n1"), nonce: nil))
    }

    @Test func respondentTokensAreTheSignaturesAndStayBounded() {
        let signer = RequestSigner(secret: Array(repeating: 7, count: 32))
        let tokens = RespondentTokens(signer: signer, capacity: 3)
        for hash in ["a", "b", "c", "a"] {
            #expect(tokens.token(linkTokenHash: hash) == signer.respondentToken(linkTokenHash: hash))
        }
        #expect(tokens.count == 3)
        #expect(tokens.token(linkTokenHash: "d") == signer.respondentToken(linkTokenHash: "d"))
        #expect(tokens.count == 1, "full, so it started again")
        let token = signer.respondentToken(linkTokenHash: "a")
        #expect(tokens.verify(token, linkTokenHash: "a"))
        #expect(!tokens.verify(token, linkTokenHash: "b"))
        #expect(!tokens.verify(nil, linkTokenHash: "a"))
        #expect(!tokens.verify(String(token.dropLast()), linkTokenHash: "a"))
    }

    @Test func logPathsHideTokens() {
        #expect(RequestLogMiddleware<Hummingbird.BasicRequestContext>.redacted("/t/abcDEF123") == "/t/[token]")
        #expect(RequestLogMiddleware<Hummingbird.BasicRequestContext>.redacted("/s/esem-se-2025") == "/s/esem-se-2025")
        #expect(RequestLogMiddleware<Hummingbird.BasicRequestContext>.redacted("/t/abc/more") == "/t/[token]/more")
        #expect(RequestLogMiddleware<Hummingbird.BasicRequestContext>.redacted("/t/") == "/t/[token]")
        #expect(RequestLogMiddleware<Hummingbird.BasicRequestContext>.redacted("/t") == "/t")
        #expect(RequestLogMiddleware<Hummingbird.BasicRequestContext>.redacted("/tt/abc") == "/tt/abc")
        let token = String(repeating: "aB3-_", count: 9).prefix(InvitationToken.textLength)
        #expect(RequestLogMiddleware<Hummingbird.BasicRequestContext>.redacted("/t/\(token)/12") == "/t/[token]/12")
        #expect(RequestLogMiddleware<Hummingbird.BasicRequestContext>.redacted("//t/\(token)/12") == "//t/[token]/12")
        #expect(RequestLogMiddleware<Hummingbird.BasicRequestContext>.redacted("//t/\(token);12") == "//t/[token]")
        #expect(RequestLogMiddleware<Hummingbird.BasicRequestContext>.redacted("//t/\(token)%2F12") == "//t/[token]")
        #expect(RequestLogMiddleware<Hummingbird.BasicRequestContext>.redacted("//t/\(token.dropLast());12") == "//t/\(token.dropLast());12",
                "one character short of a token is no token")
        #expect(JSONLogHandler.quoted("a\"b\\c\nd\u{1}") == #""a\"b\\c\nd\u0001""#)
        #expect(JSONLogHandler.quoted("Åsa\t\r\u{1F}🍰") == #""Åsa\t\r\u001f🍰""#)
    }

    @Test func logTimesAreUTCToTheMillisecond() {
        let expected: [Int64: String] = [
            0: "1970-01-01T00:00:00.000Z", 999: "1970-01-01T00:00:00.999Z", 86_399_999: "1970-01-01T23:59:59.999Z",
            -1: "1969-12-31T23:59:59.999Z", 951_782_400_000: "2000-02-29T00:00:00.000Z",
            1_709_251_199_999: "2024-02-29T23:59:59.999Z", 1_764_428_965_118: "2025-11-29T15:09:25.118Z",
            4_107_542_400_123: "2100-03-01T00:00:00.123Z",
        ]
        for (milliseconds, text) in expected {
            #expect(JSONLogHandler.timestamp(millisecondsSinceEpoch: milliseconds) == text)
        }
        // The same as Foundation's ISO 8601 style on whole seconds (Foundation's own fractions
        // sometimes come out a millisecond low, from floating point).
        let style = Date.ISO8601FormatStyle.iso8601.time(includingFractionalSeconds: true).year().month().day()
            .dateTimeSeparator(.standard).timeZone(separator: .omitted)
        for seconds: Int64 in [0, 951_782_400, 1_709_251_199, 1_764_428_965, 4_107_542_400] {
            #expect(JSONLogHandler.timestamp(millisecondsSinceEpoch: seconds * 1000) == Date(timeIntervalSince1970: Double(seconds)).ISO8601Format(style))
        }
    }

    @Test func logLinesAreSortedJSONWithMetadataAndOneLineEach() throws {
        let sink = LogSink.collecting()
        var logger = Logger(label: "samla.test") { JSONLogHandler(label: $0, sink: sink) }
        logger[metadataKey: "round"] = "esem-se-2025"
        logger.info("request", metadata: ["status": "303", "path": "/t/[token]", "round": "other", "hb.request.id": "7"])
        logger.debug("not written")
        #expect(sink.lines.count == 1)
        let line = try #require(sink.lines.first)
        #expect(line.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["level"] == "info" && object["message"] == "request" && object["logger"] == "samla.test")
        #expect(object["status"] == "303" && object["path"] == "/t/[token]" && object["round"] == "other")
        #expect(object["hb.request.id"] == nil)
        let keys = line.dropFirst().split(separator: ",").map { $0.split(separator: ":")[0] }
        #expect(keys == keys.sorted())
    }
}

import Hummingbird

@Suite struct Base64URLTests {
    @Test func matchesFoundationWithoutPadding() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(($0 * 73 + 11) % 256) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == expected, "\(length) bytes")
        }
    }
}
