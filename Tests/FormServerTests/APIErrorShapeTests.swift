import Diagnostics
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import FormServer

/// Every error under `/api/` is JSON of one shape, `{"errors": [{"field"?, "code", "message", "value"?}]}`,
/// with a code of the catalogue, so that a partner's client can branch on the code: a path or a
/// method the API does not have, and a failure of the server, came without one.
@Suite struct APIErrorShapeTests {
    static let path = "/api/rounds/esem-open/responses"

    /// The entries of an error body, each checked for the shape the docs give.
    static func entries(_ reply: WebClient.Reply) throws -> [[String: String]] {
        #expect(reply.header("Content-Type") == "application/json; charset=utf-8", "\(reply.status): \(reply.body)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any], "\(reply.body)")
        #expect(Array(object.keys) == ["errors"], "\(reply.body)")
        let entries = try #require(object["errors"] as? [[String: String]], "\(reply.body)")
        #expect(!entries.isEmpty, "\(reply.body)")
        for entry in entries {
            #expect(Set(entry.keys).isSubset(of: ["field", "code", "message", "value"]), "\(reply.body)")
            #expect(entry["code"].flatMap(DiagnosticCode.named) != nil, "\(reply.status): \(reply.body)")
            #expect(entry["message"]?.isEmpty == false, "\(reply.body)")
        }
        return entries
    }

    @Test func everyErrorOfTheAPIHasACodeOfTheCatalogue() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer(maximumBodyBytes: 4096) { client in
            let json = ["Content-Type": "application/json", "Idempotency-Key": "shape"]
            let authorised = json.merging(APITests.headers) { $1 }
            let cases: [(String, WebClient.Reply, Int, String)] = [
                ("no such address", try await client.request(.get, "/api/rounds", headers: authorised), 404, "E900"),
                ("no such address, posted", try await client.request(.post, "/api/rounds/esem-open", headers: authorised, body: "{}"), 404, "E900"),
                ("another method", try await client.request(.get, Self.path, headers: authorised), 405, "E901"),
                ("another method, DELETE", try await client.request(.delete, Self.path, headers: authorised), 405, "E901"),
                ("no token", try await client.request(.post, Self.path, headers: json, body: "{}"), 401, "E470"),
                ("another content type", try await client.request(.post, Self.path, headers: authorised.merging(["Content-Type": "text/plain"]) { $1 }, body: "{}"), 415, "E480"),
                ("a compressed body", try await client.request(.post, Self.path, headers: authorised.merging(["Content-Encoding": "gzip"]) { $1 }, body: "{}"), 415, "E480"),
                ("no key", try await client.request(.post, Self.path, headers: APITests.headers, body: "{}"), 400, "E471"),
                ("a list", try await client.request(.post, Self.path, headers: authorised, body: "[{}]"), 400, "E473"),
                ("too large", try await client.request(.post, Self.path, headers: authorised, body: "{\"org_name\": \"" + String(repeating: "a", count: 5000) + "\"}"), 413, "E474"),
                ("unknown round", try await client.request(.post, "/api/rounds/nope/responses", headers: authorised, body: "{}"), 404, "E441"),
                ("closed round", try await client.request(.post, "/api/rounds/esem-closed/responses", headers: authorised, body: "{}"), 409, "E452"),
                ("answers refused", try await client.request(.post, Self.path, headers: authorised, body: "{}"), 422, "E412"),
            ]
            for (name, reply, status, code) in cases {
                #expect(reply.status == status, "\(name): \(reply.status) \(reply.body)")
                #expect(try Self.entries(reply).map { $0["code"] } == [code], "\(name): \(reply.body)")
            }
            #expect(cases[2].1.header("Allow") == "POST")
            #expect(cases[6].1.body.contains("the body is sent with Content-Encoding: gzip, which this server does not decode"), "\(cases[6].1.body)")
            let plain = try await client.request(.post, Self.path, headers: authorised.merging(["Content-Encoding": "identity"]) { $1 }, body: APITests.completeResponse)
            #expect(plain.status == 201, "identity is no coding: \(plain.body)")
        }
    }

    /// A failure no route expected is 500 with E902 and says that nothing was stored; its detail
    /// goes to the log only.
    @Test func aFailureOfTheServerHasItsCode() async throws {
        struct Unexpected: Error {}
        let router = Router()
        router.add(middleware: ErrorPageMiddleware<BasicRequestContext>(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, database: "test.sqlite"))
        router.post("/api/rounds/:round/responses") { _, _ -> Response in throw Unexpected() }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/rounds/r/responses", method: .post) { response in
                #expect(response.status == .internalServerError)
                #expect(String(decoding: response.body.readableBytesView, as: UTF8.self)
                    == #"{"errors":[{"code":"E902","message":"the server could not handle the request; nothing was stored; try again"}]}"#)
            }
        }
    }

    /// An `Idempotency-Key` that is sent but cannot be used is told what is wrong with it: each was
    /// told to send a key, as if none had been sent.
    @Test func aKeyThatCannotBeUsedIsToldWhy() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let rule = "1 to 255 visible ASCII characters, unique per submission (a UUID will do); a retry sends the same key"
            for (key, message) in [
                ("", "the Idempotency-Key header is empty; send a key of " + rule),
                (String(repeating: "k", count: 256), "the Idempotency-Key is 256 bytes long; send a key of " + rule),
                ("order 42", "the Idempotency-Key holds a space at character 6, which is not visible ASCII; send a key of " + rule),
            ] {
                let refused = try await client.request(.post, Self.path, headers: APITests.headers.merging(["Idempotency-Key": key]) { $1 }, body: APITests.completeResponse)
                #expect(refused.status == 400)
                #expect(try Self.entries(refused) == [["code": "E471", "message": message]], "\(refused.body)")
            }
            #expect(try await client.request(.post, Self.path, headers: APITests.headers.merging(["Idempotency-Key": String(repeating: "k", count: 255)]) { $1 },
                                             body: APITests.completeResponse).status == 201)
        }
        #expect(FormServer.idempotencyKey("åäö").failureMessage == "the Idempotency-Key holds “å” at character 1, which is not visible ASCII; send a key of "
            + "1 to 255 visible ASCII characters, unique per submission (a UUID will do); a retry sends the same key")
        #expect(FormServer.idempotencyKey("a\u{7F}").failureMessage?.hasPrefix("the Idempotency-Key holds U+007F at character 2,") == true)
        #expect(FormServer.idempotencyKey("7c9e6679-7425-40de-944b-e07fc1f90ae7").failureMessage == nil)
    }

    /// A body that is no JSON object says what it is instead: Python's `json.dumps` writes `NaN` for
    /// a missing number (pandas' empty cell), which is named with its field, and a list of responses
    /// is to be sent one by one. Each was "not a JSON object of answers". An object as a value, as a
    /// matrix is easily sent, says how a matrix is answered.
    @Test func aBodyThatIsNoObjectOfAnswersSaysWhatItIs() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let example = #"one JSON object of answers, e.g. {"founded": 2016, "sdg": ["3", "8"]}"#
            let cases: [(String, String?, String)] = [
                (APITests.completeResponse.replacingOccurrences(of: "\"fte\": 2.5", with: "\"fte\": NaN"), "fte",
                 "the value of fte is NaN, which is not JSON (Python's json.dumps writes it for a missing number, such as pandas' empty cell): send null for no answer"),
                (#"{"consent": "yes", "volunteers": -Infinity}"#, "volunteers",
                 "the value of volunteers is -Infinity, which is not JSON (Python's json.dumps writes it for a missing number, such as pandas' empty cell): send null for no answer"),
                ("[" + APITests.completeResponse + "]", nil, "the body is a JSON list; send each response in a request of its own, as " + example),
                ("null", nil, "the body is JSON null; send " + example),
                (#""consent""#, nil, "the body is a JSON string; send " + example),
                (#"{"consent": "yes","#, nil, "the body is not valid JSON; send " + example),
                (#"{"consent": "yes", "voice": {"staff": "5"}}"#, "voice", "the value of voice is a JSON object; give a string, a number, true/false, null "
                    + "or a list of codes (a matrix is answered row by row, each row under its own name, voice_ROW)"),
                (#"{"consent": "NaN"}"#, "consent", ""),
            ]
            for (index, (body, field, message)) in cases.enumerated() {
                let headers = APITests.headers.merging(["Idempotency-Key": "body-\(index)"]) { $1 }
                let refused = try await client.request(.post, Self.path, headers: headers, body: body)
                if message.isEmpty {
                    // A string "NaN" is text, read as the answer it is: not a code of the consent list.
                    #expect(refused.status == 422)
                    #expect(try Self.entries(refused).first?["code"] == "E406", "\(refused.body)")
                    continue
                }
                #expect(refused.status == 400, "\(body): \(refused.body)")
                var expected = ["code": "E473", "message": message]
                expected["field"] = field
                #expect(try Self.entries(refused) == [expected], "\(refused.body)")
            }
            #expect(try environment.store.roundSummaries().allSatisfy { $0.started == 0 })
        }
    }
}

extension Result where Failure == FormServer.KeyRefusal {
    var failureMessage: String? {
        if case .failure(let refusal) = self { return refusal.message }
        return nil
    }
}
