import Foundation
import Store
import SurveyDefinition
import Testing

/// `POST /api/rounds/ROUND/responses` on a real server.
@Suite struct APITests {
    static let headers = ["Authorization": "Bearer " + TestEnvironment.apiToken, "Content-Type": "application/json"]

    /// A complete ESEM response that passes every check: the one the crash test sends too.
    static let completeResponse = """
        {"consent": "yes", "resp_role": "board", "registered": "yes", "prio_fin": 3, "prio_imp": 8,
         "legal_form": "ideell_forening", "year_founded": 2001, "stage": "established", "region": "T", "sector": "R", "sdg": ["10", 16],
         "target_any": "no", "fte": 2.5, "fte_women": 1, "mgmt_n": 3, "mgmt_women": 2, "voice_staff": "5",
         "revenue_band": "under_250k", "inc_fees": 60, "inc_other": 40,
         "fin_sought": "no", "imm_status": "planning", "imm_purpose": ["improve"],
         "pol_support": "1", "support_used": ["none"], "collab": ["civil"],
         "recontact": "yes", "org_name": "Föreningen Exempel", "contact_email": "info@example.se"}
        """

    @Test func aSubmissionIsStoredOnceAndReplayedUnderItsKey() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            var headers = Self.headers
            headers["Idempotency-Key"] = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
            headers["Content-Language"] = "en"
            let created = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: Self.completeResponse)
            #expect(created.status == 201, "\(created.body)")
            let id = try #require(Page.firstMatch(#""id":(\d+)"#, in: created.body).flatMap { Int64($0) })
            #expect(created.body == #"{"id":\#(id),"round":"esem-open","status":"complete"}"#)

            let replay = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: Self.completeResponse)
            #expect(replay.status == 201)
            #expect(replay.body == created.body)
            #expect(replay.header("Idempotent-Replayed") == "true")

            let different = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers,
                                                     body: Self.completeResponse.replacingOccurrences(of: "\"prio_fin\": 3", with: "\"prio_fin\": 4"))
            #expect(different.status == 409)
            // It names the response the key made, which the partner can look for in its own records.
            #expect(different.body == #"{"errors":[{"code":"E472","message":"the Idempotency-Key 7c9e6679-7425-40de-944b-e07fc1f90ae7 was used before "#
                + #"with a different request (it made response \#(id)); nothing was stored: use a new key for a new submission"}]}"#, "\(different.body)")

            let stored = try #require(try environment.store.response(id))
            #expect(stored.record.status == .complete)
            #expect(stored.record.source == .api)
            #expect(stored.record.language == "en")
            #expect(stored.answers["prio_fin"] == .integer(3))
            #expect(stored.answers["sdg"] == .choices(["10", "16"]))
            #expect(stored.answers["fte"] == .decimal(2.5))
            #expect(stored.answers["size_class"] == .text("micro"), "calculations are computed, not taken")
            #expect(try environment.store.roundSummaries().first { $0.round.name == "esem-open" }?.complete == 1)
        }
    }

    @Test func everyProblemOfTheAnswersComesBackAs422() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            var headers = Self.headers
            headers["Idempotency-Key"] = "bad-1"
            let body = Self.completeResponse
                .replacingOccurrences(of: "\"prio_fin\": 3", with: "\"prio_fin\": \"three\"")
                .replacingOccurrences(of: "\"region\": \"T\"", with: "\"region\": \"Q\"")
                .replacingOccurrences(of: "\"consent\": \"yes\",", with: "\"consent\": \"yes\", \"fin_met\": 20, \"regoin\": \"T\",")
            let refused = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: body)
            #expect(refused.status == 422)
            let errors = try #require(try JSONSerialization.jsonObject(with: Data(refused.body.utf8)) as? [String: [[String: String]]])["errors"] ?? []
            #expect(errors.map { $0["field"] ?? "" } == ["regoin", "prio_fin", "region", "fin_met"])
            #expect(errors.map { $0["code"] ?? "" } == ["E415", "E400", "E406", "E413"])
            #expect(errors[0]["message"] == "the survey has no question or variable named regoin (did you mean region?)")
            #expect(try environment.store.roundSummaries().first { $0.round.name == "esem-open" }?.started == 0)
            // The same check as the web form's: the form refuses the same text with the same problem.
            let respondent = try await Respondent.start(client, round: "esem-open", headers: ["Accept-Language": "en"])
            try await respondent.answer("Welcome", [("consent", "yes")])
            let form = try await respondent.post([("resp_role", "ceo"), ("registered", "yes"), ("prio_fin", "three"), ("prio_imp", "8")])
            let apiMessage = try #require(errors[1]["message"])
            #expect(Respondent.errors(form.body).contains { $0.hasPrefix("q-prio_fin ") && $0.hasSuffix(" " + apiMessage + ".") },
                    "\(Respondent.errors(form.body)) against \(apiMessage)")
            // Nothing was stored under the key: a corrected body may use it.
            let fixed = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: Self.completeResponse)
            #expect(fixed.status == 201)
        }
    }

    @Test func requestsThatCannotBeTakenAreRefusedClearly() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let path = "/api/rounds/esem-open/responses"
            let noToken = try await client.request(.post, path, headers: ["Content-Type": "application/json", "Idempotency-Key": "k"], body: "{}")
            #expect(noToken.status == 401)
            #expect(noToken.header("WWW-Authenticate") == "Bearer")
            let wrongToken = try await client.request(.post, path, headers: [
                "Authorization": "Bearer api-token-0123456789abcdeX", "Content-Type": "application/json", "Idempotency-Key": "k",
            ], body: "{}")
            #expect(wrongToken.status == 401)
            #expect(try await client.request(.post, path, headers: Self.headers, body: "{}").status == 400, "no key")
            var headers = Self.headers
            headers["Idempotency-Key"] = "k-1"
            let form = try await client.request(.post, path, headers: headers.merging(["Content-Type": "application/x-www-form-urlencoded"]) { $1 }, body: "a=1")
            #expect(form.status == 415)
            let list = try await client.request(.post, path, headers: headers, body: "[1, 2]")
            #expect(list.status == 400)
            #expect(list.body.contains("E473"))
            let nested = try await client.request(.post, path, headers: headers, body: #"{"consent": {"value": "yes"}}"#)
            #expect(nested.status == 400)
            #expect(nested.body.contains("\"field\":\"consent\""))
            let unknown = try await client.request(.post, "/api/rounds/esem-opn/responses", headers: headers, body: #"{"consent": "no"}"#)
            #expect(unknown.status == 404)
            #expect(unknown.body.contains("did you mean esem-open?"))
            // Where the partner finds the right name: it said only "there is no round nope".
            let nope = try await client.request(.post, "/api/rounds/nope/responses", headers: headers, body: #"{"consent": "no"}"#)
            #expect(nope.status == 404)
            #expect(nope.body.contains(#""code":"E441","message":"there is no round nope on this server; nothing was stored: send the response to /api/rounds/ROUND/responses with the round's name as MSI gave it to you (the rounds are listed on MSI's admin pages)""#),
                    "\(nope.body)")
            let closed = try await client.request(.post, "/api/rounds/esem-closed/responses", headers: headers, body: #"{"consent": "no"}"#)
            #expect(closed.status == 409)
            #expect(closed.body.contains("E452"))
            // What the partner is to do: drop it, or send it again once the round opens.
            #expect(closed.body.contains("round esem-closed is closed and takes no more responses; nothing was stored"), "\(closed.body)")
            let later = try await client.request(.post, "/api/rounds/esem-later/responses", headers: headers, body: #"{"consent": "no"}"#)
            #expect(later.status == 409)
            #expect(later.body.contains("and takes no responses before then; nothing was stored: send it again from "), "\(later.body)")
            let language = try await client.request(.post, path, headers: headers.merging(["Content-Language": "fi"]) { $1 }, body: #"{"consent": "no"}"#)
            #expect(language.status == 422)
            #expect(language.body.contains("E483"))
            #expect(try environment.store.roundSummaries().allSatisfy { $0.started == 0 })
        }
    }

    @Test func contentLanguageIsReadAsALanguageTag() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            for (tag, language) in [("en-GB", "en"), ("EN", "en"), ("sv-SE", "sv"), ("Sv", "sv")] {
                var headers = Self.headers
                headers["Idempotency-Key"] = "tag-" + tag
                headers["Content-Language"] = tag
                let reply = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: Self.completeResponse)
                #expect(reply.status == 201, "\(tag): \(reply.body)")
                let id = try #require(Page.firstMatch(#""id":(\d+)"#, in: reply.body).flatMap { Int64($0) })
                #expect(try environment.store.response(id)?.record.language == language, "\(tag)")
            }
            var headers = Self.headers
            headers["Idempotency-Key"] = "tag-fi"
            headers["Content-Language"] = "fi-FI"
            let refused = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: Self.completeResponse)
            #expect(refused.status == 422)
            #expect(refused.body.contains("Content-Language fi-FI is not a language of the survey"))
        }
    }

    @Test func theBearerSchemeIsCaseInsensitive() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            for (i, scheme) in ["bearer", "BEARER", "Bearer"].enumerated() {
                let reply = try await client.request(.post, "/api/rounds/esem-open/responses", headers: [
                    "Authorization": scheme + " " + TestEnvironment.apiToken, "Content-Type": "application/json", "Idempotency-Key": "scheme-\(i)",
                ], body: Self.completeResponse)
                #expect(reply.status == 201, "\(scheme): \(reply.body)")
            }
            for authorization in ["Basic " + TestEnvironment.apiToken, "Bearer", "Bearer ", TestEnvironment.apiToken, "bearer x" + TestEnvironment.apiToken] {
                let reply = try await client.request(.post, "/api/rounds/esem-open/responses", headers: [
                    "Authorization": authorization, "Content-Type": "application/json", "Idempotency-Key": "refused",
                ], body: Self.completeResponse)
                #expect(reply.status == 401, "\(authorization)")
            }
        }
    }

    @Test func concurrentSubmissionsShareCommits() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        var headers = Self.headers
                        headers["Idempotency-Key"] = "concurrent-\(i)"
                        return try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: #"{"consent": "no"}"#).status
                    }
                }
                for try await status in group { #expect(status == 201) }
            }
        }
        #expect(try environment.store.roundSummaries().first { $0.round.name == "esem-open" }?.complete == 40)
    }

    /// A partner system that times out and retries may write the same answers as other JSON (its
    /// serializer orders names by hash, spaces differently, escapes `ö`) and name the language
    /// otherwise. That is a retry: the first 201 again, no second response. The raw bytes were
    /// compared, so such a retry was 409 (E472) and the partner told to use a new key.
    @Test func aRetryWithTheSameAnswersWrittenOtherwiseIsReplayed() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            var headers = Self.headers
            headers["Idempotency-Key"] = "retry-1"
            let first = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: Self.completeResponse)
            #expect(first.status == 201, "\(first.body)")

            let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.completeResponse.utf8)) as? [String: Any])
            let rewritten = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
            let escaped = String(decoding: rewritten, as: UTF8.self).replacingOccurrences(of: "ö", with: "\\u00f6")
            #expect(escaped != Self.completeResponse && escaped.contains("\\u00f6"))
            for language in ["sv", "sv-SE", "SV"] {
                headers["Content-Language"] = language
                let retry = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: escaped)
                #expect(retry.status == 201, "\(language): \(retry.body)")
                #expect(retry.body == first.body)
                #expect(retry.header("Idempotent-Replayed") == "true")
            }
            headers["Content-Language"] = "en"
            #expect(try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: escaped).status == 409,
                    "another language is another request")
            headers["Content-Language"] = nil
            let changed = Self.completeResponse.replacingOccurrences(of: "\"fte\": 2.5", with: "\"fte\": \"2.5\"")
            #expect(try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: changed).status == 409,
                    "a text is not the number it reads as")
            #expect(try environment.store.roundSummaries().first { $0.round.name == "esem-open" }?.started == 1)
        }
    }

    /// The answers' problems are in Swedish when the partner asks for Swedish, as the form shows
    /// them; English otherwise. Every message was English whatever was asked.
    /// A bare number for a selection of one code is that code, as `"3"` and `["3"]` are (and as a
    /// number is for a single choice): it was refused as the wrong kind of value (E414).
    @Test func aNumberForAMultipleChoiceIsTheSelectionOfThatCode() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            var stored: [AnswerValue] = []
            for (key, sdg) in [("bare", "10"), ("text", "\"10\""), ("list", "[10]")] {
                var headers = Self.headers
                headers["Idempotency-Key"] = key
                let body = Self.completeResponse.replacingOccurrences(of: "\"sdg\": [\"10\", 16]", with: "\"sdg\": \(sdg)")
                let created = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: body)
                #expect(created.status == 201, "\(sdg): \(created.body)")
                let id = try #require(Page.firstMatch(#""id":(\d+)"#, in: created.body).flatMap { Int64($0) })
                stored.append(try #require(try environment.store.response(id)?.answers["sdg"]))
            }
            #expect(stored == Array(repeating: .choices(["10"]), count: 3))
            var headers = Self.headers
            headers["Idempotency-Key"] = "not-a-code"
            let body = Self.completeResponse.replacingOccurrences(of: "\"sdg\": [\"10\", 16]", with: "\"sdg\": 99")
            let refused = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: body)
            #expect(refused.status == 422)
            #expect(refused.body.contains(#""code":"E406","field":"sdg","message":"“99” is not a code of the list sdgs"#), "\(refused.body)")
        }
    }

    @Test func problemMessagesFollowAcceptLanguage() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            let body = Self.completeResponse.replacingOccurrences(of: "\"stage\": \"established\", ", with: "")
            for (accept, message, language) in [(nil, "an answer is required", "en"), ("sv-SE,sv;q=0.9,en;q=0.8", "svara på frågan", "sv"),
                                                ("fi, en;q=0.5", "an answer is required", "en"), ("de", "an answer is required", "en")] {
                var headers = Self.headers
                headers["Idempotency-Key"] = "language"
                headers["Accept-Language"] = accept
                let refused = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: body)
                #expect(refused.status == 422)
                #expect(refused.body.contains(#"{"code":"E412","field":"stage","message":"\#(message)"}"#), "\(accept ?? "none"): \(refused.body)")
                #expect(refused.header("Content-Language") == language)
            }
        }
    }

    /// An error body names the field and why: a list holding a null is not "a JSON object or a
    /// nested list", half a surrogate pair not "a number beyond what a decimal holds"; a GET of the submission path is told the method, not that the path is unknown.
    @Test func errorsSayWhatIsWrong() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            var headers = Self.headers
            headers["Idempotency-Key"] = "list"
            let list = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: #"{"sdg": ["3", null]}"#)
            #expect(list.status == 400)
            #expect(list.body.contains(#""field":"sdg""#) && list.body.contains("the list of sdg holds something other than codes"), "\(list.body)")
            headers["Idempotency-Key"] = "surrogate"
            let half = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: #"{"consent": "yes", "org_name": "\ud83d"}"#)
            #expect(half.status == 400)
            #expect(half.body.contains(#""field":"org_name""#) && half.body.contains("holds a string that is not text"), "\(half.body)")
            let get = try await client.request(.get, "/api/rounds/esem-open/responses", headers: headers)
            #expect(get.status == 405)
            #expect(get.body.contains("this resource does not take GET; it takes POST"), "\(get.body)")
            #expect(try await client.request(.get, "/api/rounds", headers: headers).body.contains("there is no such API resource"))
        }
    }

    /// A JSON number is held to the digits a typed answer may have: `samla import` and the form
    /// refuse `2.1234567890123456` for a decimal (E402), and so does the API now; it stored the
    /// nearest Double, whose export the import then refused. A value of the wrong kind is shown
    /// as JSON writes it: `true` was shown as "1" beside "a whole number expected".
    @Test func numbersAndKindsAreCheckedAsTheFormAndImportCheckThem() async throws {
        let environment = try TestEnvironment()
        try await environment.withServer { client in
            var headers = Self.headers
            headers["Idempotency-Key"] = "digits"
            for (number, shown) in [("2.1234567890123456", "2.1234567890123456"), ("12345678901234567", "12345678901234567"),
                                    ("99999999999999999999", "99999999999999999999")] {
                let body = Self.completeResponse.replacingOccurrences(of: "\"fte\": 2.5", with: "\"fte\": \(number)")
                let refused = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: body)
                #expect(refused.status == 422, "\(number): \(refused.body)")
                #expect(refused.body.contains(#"{"code":"E402","field":"fte","message":"“\#(shown)” has more than 15 significant digits, which cannot be stored exactly: round it","value":"\#(shown)"}"#),
                        "\(refused.body)")
                let typed = Self.completeResponse.replacingOccurrences(of: "\"fte\": 2.5", with: "\"fte\": \"\(number)\"")
                let refusedAsText = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: typed)
                #expect(refusedAsText.body.contains(#""code":"E402","field":"fte""#), "the same number as text: \(refusedAsText.body)")
            }
            headers["Idempotency-Key"] = "kinds"
            let body = Self.completeResponse
                .replacingOccurrences(of: "\"prio_fin\": 3", with: "\"prio_fin\": true")
                .replacingOccurrences(of: "\"legal_form\": \"ideell_forening\"", with: "\"legal_form\": [\"ideell_forening\"]")
            let refused = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: body)
            #expect(refused.status == 422)
            #expect(refused.body.contains(#"{"code":"E414","field":"prio_fin","message":"“true” is the wrong kind of value for this question: send a whole number, e.g. 12, or null for no answer","value":"true"}"#),
                    "\(refused.body)")
            #expect(refused.body.contains(#""field":"legal_form","message":"“[\"ideell_forening\"]” is the wrong kind of value for this question: send one code as a string, not a list"#),
                    "\(refused.body)")
            #expect(try environment.store.roundSummaries().first { $0.round.name == "esem-open" }?.started == 0)
            // A problem shows the value as it was sent, as the import shows the cell as written: it
            // showed "12000" for "12 000", which the partner's body does not hold.
            headers["Idempotency-Key"] = "as-sent"
            let grouped = Self.completeResponse.replacingOccurrences(of: "\"year_founded\": 2001", with: "\"year_founded\": \" 12 000\"")
            let refusedGrouped = try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: grouped)
            #expect(refusedGrouped.body.contains(#""code":"E411","field":"year_founded","message":"“12 000” is not accepted: Enter a year between 1850 and the current year, e.g. 2016.","value":"12 000"}"#),
                    "\(refusedGrouped.body)")
            // Any other value is shown as JSON writes it, as the body sent it: a number as written (it
            // was read through a Double, 99999999999999999999 shown as 100000000000000000000), a list
            // of numbers as numbers (`[5]` was `["5"]`), a list as a list (`["3", "3"]` was "3 3").
            headers["Idempotency-Key"] = "as-written"
            let written = Self.completeResponse
                .replacingOccurrences(of: "\"year_founded\": 2001", with: "\"year_founded\": 99999999999999999999")
                .replacingOccurrences(of: "\"legal_form\": \"ideell_forening\"", with: "\"legal_form\": [5]")
                .replacingOccurrences(of: "\"sdg\": [\"10\", 16]", with: "\"sdg\": [\"3\",3]")
                .replacingOccurrences(of: "\"mgmt_women\": 2", with: "\"mgmt_women\": 4.0")
            for (accept, big) in [("en", "“99999999999999999999” has too many digits: a whole number must lie between -9223372036854775808 and 9223372036854775807"),
                                  ("sv", "”99999999999999999999” har för många siffror: ett heltal måste ligga mellan \u{2212}9\u{00A0}223\u{00A0}372\u{00A0}036\u{00A0}854\u{00A0}775\u{00A0}808 och 9\u{00A0}223\u{00A0}372\u{00A0}036\u{00A0}854\u{00A0}775\u{00A0}807")] {
                let refusedWritten = try await client.request(.post, "/api/rounds/esem-open/responses",
                                                              headers: headers.merging(["Accept-Language": accept]) { $1 }, body: written)
                #expect(refusedWritten.status == 422)
                #expect(refusedWritten.body.contains(#"{"code":"E402","field":"year_founded","message":"\#(big)","value":"99999999999999999999"}"#),
                        "\(refusedWritten.body)")
                #expect(refusedWritten.body.contains(#""code":"E414","field":"legal_form","message":"\#(accept == "en" ? "“" : "”")[5]”"#) && refusedWritten.body.contains(#""value":"[5]"}"#),
                        "\(refusedWritten.body)")
                #expect(refusedWritten.body.contains(#""code":"E408","field":"sdg","message":"\#(accept == "en" ? "“" : "”")[\"3\", 3]”"#) && refusedWritten.body.contains(#""value":"[\"3\", 3]"}"#),
                        "\(refusedWritten.body)")
                #expect(refusedWritten.body.contains(#""code":"E411","field":"mgmt_women","message":"\#(accept == "en" ? "“4.0” is not accepted: " : "")"#) && refusedWritten.body.contains(#""value":"4.0"}"#),
                        "\(refusedWritten.body)")
            }
            headers["Idempotency-Key"] = "fifteen"
            let fifteen = Self.completeResponse.replacingOccurrences(of: "\"fte\": 2.5", with: "\"fte\": 2.12345678901234")
            #expect(try await client.request(.post, "/api/rounds/esem-open/responses", headers: headers, body: fifteen).status == 201)
        }
    }
}
