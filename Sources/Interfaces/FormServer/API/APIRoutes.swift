import Diagnostics
import Foundation
import HTTPTypes
import Hummingbird
import Intake
import Logging
import Responses
import Store
import SurveyDefinition

/// `POST /api/rounds/ROUND/responses`: a complete response as a JSON object of answers, with a
/// bearer token and an `Idempotency-Key`. 201 with the new id; a retry with the same key and
/// body gets the first answer again, a different body under the key 409; 422 lists every
/// problem of the answers, checked as the web form and the CSV import check them.
extension FormServer {
    static let idempotencyKeyHeader = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!

    func addAPIRoutes(_ router: Router<BasicRequestContext>) {
        router.post("/api/rounds/:round/responses") { request, context in
            try await self.submitResponse(request, round: context.parameters.get("round") ?? "")
        }
    }

    private func apiError(_ status: HTTPResponse.Status, _ code: DiagnosticCode, _ message: String, field: String? = nil) -> Response {
        Reply.json(APIErrorBody(errors: [.init(field: field, code: code.id, message: message)]), status: status)
    }

    private func submitResponse(_ request: Request, round: String) async throws -> Response {
        guard let clients = secrets.apiClients else {
            return apiError(.serviceUnavailable, .serviceNotConfigured, "the JSON API is off: start the server with SAMLA_API_TOKEN or --api-token-file")
        }
        let token = Self.bearerToken(request.headers[.authorization])
        guard let client = clients.client(withToken: token) else {
            logger.notice("API request refused", metadata: Self.refusalMetadata(token: token))
            let message = token == nil
                ? "send the API token as `Authorization: Bearer TOKEN`"
                : "the bearer token is no API client's token on this server (mistyped, or taken out of its API tokens file); send the token you were given, as `Authorization: Bearer TOKEN`"
            var response = apiError(.unauthorized, .apiUnauthorized, message)
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        let mediaType = (request.headers[.contentType] ?? "").split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            return apiError(.unsupportedMediaType, .unsupportedMediaType, "send the answers as a JSON object with Content-Type: application/json")
        }
        // A compressed body was read as text and refused as "not UTF-8", which sent the partner
        // looking at its encoding of characters.
        if let coding = request.headers[.contentEncoding]?.trimmingCharacters(in: .whitespaces), !coding.isEmpty, coding.lowercased() != "identity" {
            return apiError(.unsupportedMediaType, .unsupportedMediaType,
                "the body is sent with Content-Encoding: \(coding), which this server does not decode; nothing was stored: send the JSON uncompressed, without Content-Encoding")
        }
        let key: String
        switch Self.idempotencyKey(request.headers[Self.idempotencyKeyHeader]) {
        case .success(let usable): key = usable
        case .failure(let refusal): return apiError(.badRequest, .idempotencyKeyMissing, refusal.message)
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(limit: configuration.maximumBodyBytes)
        } catch WebFailure.tooLarge {
            return apiError(.contentTooLarge, .bodyTooLarge,
                "the body is larger than the \(configuration.maximumBodyBytes) bytes this server accepts (its --max-body-bytes); "
                    + "nothing was stored: send the response with shorter texts, or ask the server's operator to raise the limit")
        }
        let bytes = Data(body.readableBytesView)
        let decoded: JSONAnswers.Body
        switch JSONAnswers.decode(bytes) {
        case .success(let body): decoded = body
        case .failure(let problem): return apiError(.badRequest, .malformedJSON, problem.message, field: problem.field)
        }
        let language = request.headers[.contentLanguage]?.trimmingCharacters(in: .whitespaces)
        let submission = APISubmission(
            round: round, client: client.name, language: language, answers: decoded.answers, valuesAsSent: decoded.valuesAsSent,
            idempotencyKey: key, sentBody: bytes,
            createdBody: { id in JSONText.encode(CreatedBody(id: id, round: round, status: "complete")) })
        let outcome = try await submissions.submit(submission)
        logger.info("API submission", metadata: Self.logMetadata(outcome, client: client.name, round: round))

        switch outcome {
        case .created(_, let body):
            return Reply.json(body, status: .created)
        case .replayed(let earlier):
            var response = Reply.json(earlier.body, status: HTTPResponse.Status(code: earlier.status))
            response.headers[Self.replayedHeader] = "true"
            return response
        case .keyConflict(let earlier):
            // The response the key made, which the partner may look for under its first body.
            let made = earlier.responseID.map { " (it made response \($0))" } ?? ""
            return apiError(.conflict, .idempotencyKeyReused,
                "the Idempotency-Key \(key) was used before with a different request\(made); nothing was stored: use a new key for a new submission")
        case .withdrawn:
            return apiError(.gone, .idempotencyKeyOfWithdrawnResponse,
                "the response the Idempotency-Key \(key) made was withdrawn by its respondent and its answers removed; "
                    + "nothing was stored: drop this submission rather than send it again under another key")
        case .refused(let problems):
            // The answers' problems exist in Swedish too (the form shows them): a partner's staff may
            // read them in either, by Accept-Language; English unless Swedish is asked for.
            let messages = LanguageChoice.preferred(request.headers[.acceptLanguage] ?? "", offered: ["en", "sv"]) ?? "en"
            let entries = problems.map { problem in
                APIErrorBody.Entry(field: problem.variable, code: problem.code.id, message: problem.message(in: messages), value: problem.value)
            }
            var response = Reply.json(APIErrorBody(errors: entries), status: .unprocessableContent)
            response.headers[.contentLanguage] = messages
            return response
        case .unknownRound(let name, let suggestion):
            return apiError(.notFound, .unknownRound,
                "there is no round \(name) on this server\(Suggestions.didYouMean(suggestion)); nothing was stored: "
                    + "send the response to /api/rounds/ROUND/responses with the round's name as MSI gave it to you (the rounds are listed on MSI's admin pages)")
        case .unknownLanguage(let language, let languages):
            return apiError(.unprocessableContent, .apiUnknownLanguage,
                "Content-Language \(language) is not a language of the survey; use one of \(languages.joined(separator: ", "))")
        case .notCollecting(let round, let phase):
            let afterClosing = "and takes no more responses; nothing was stored (a response collected while it was open goes to MSI, who can import it)"
            let why = switch phase {
            case .scheduled: "opens on \(round.opens) and takes no responses before then; nothing was stored: send it again from \(round.opens), under the same Idempotency-Key"
            case .ended: "closed on \(round.closes) " + afterClosing
            case .closed: "is closed " + afterClosing
            case .collecting: "is collecting"
            }
            return apiError(.conflict, .roundNotCollecting, "round \(round.name) \(why)")
        }
    }

    /// What the log says of a submission: the client that sent it, the round, what became of it and
    /// the response it made or replayed.
    static func logMetadata(_ outcome: APISubmissionOutcome, client: String, round: String) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["client": "\(client)", "round": "\(round)"]
        switch outcome {
        case .created(let record, _): metadata["outcome"] = "created"; metadata["response"] = "\(record.id)"
        case .replayed(let earlier): metadata["outcome"] = "replayed"; metadata["response"] = "\(earlier.responseID.map(String.init) ?? "none")"
        case .keyConflict: metadata["outcome"] = "key conflict"
        case .withdrawn: metadata["outcome"] = "withdrawn"
        case .refused(let problems): metadata["outcome"] = "refused"; metadata["problems"] = "\(problems.count)"
        case .unknownRound: metadata["outcome"] = "unknown round"
        case .unknownLanguage: metadata["outcome"] = "unknown language"
        case .notCollecting: metadata["outcome"] = "not collecting"
        }
        return metadata
    }

    /// What the log says of a request refused for its token: the token's fingerprint, never the
    /// token, so that an operator can tell which system keeps sending a wrong or revoked one.
    static func refusalMetadata(token: String?) -> Logger.Metadata {
        guard let token else { return ["code": "E470", "reason": "no Authorization: Bearer header"] }
        return ["code": "E470", "reason": "no API client has this token", "token_fingerprint": "\(APIClients.fingerprint(ofToken: token))"]
    }

    /// The token of an `Authorization: Bearer TOKEN` header; the scheme's name is case-insensitive
    /// (RFC 9110, 11.1), so `bearer TOKEN` is the same. Nil for another scheme or no header.
    static func bearerToken(_ authorization: String?) -> String? {
        guard let authorization, authorization.prefix(7).lowercased() == "bearer " else { return nil }
        return String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    /// Why an `Idempotency-Key` header is refused, in words that say what to send instead.
    struct KeyRefusal: Error {
        var message: String
    }

    /// The key of an `Idempotency-Key` header: 1 to 255 visible ASCII characters. A key sent too
    /// long or with a space is told what is wrong with it; it was told to send a key, as if it had sent none.
    static func idempotencyKey(_ header: String?) -> Result<String, KeyRefusal> {
        let rule = "1 to 255 visible ASCII characters, unique per submission (a UUID will do); a retry sends the same key"
        guard let key = header else { return .failure(KeyRefusal(message: "send an Idempotency-Key header: " + rule)) }
        if key.isEmpty { return .failure(KeyRefusal(message: "the Idempotency-Key header is empty; send a key of " + rule)) }
        if key.utf8.count > 255 { return .failure(KeyRefusal(message: "the Idempotency-Key is \(key.utf8.count) bytes long; send a key of " + rule)) }
        guard let (offset, scalar) = key.unicodeScalars.enumerated().first(where: { !(0x21...0x7E).contains($0.element.value) }) else { return .success(key) }
        let shown = scalar.value == 0x20 ? "a space" : scalar.properties.generalCategory == .control ? String(format: "U+%04X", scalar.value) : "“\(scalar)”"
        return .failure(KeyRefusal(message: "the Idempotency-Key holds \(shown) at character \(offset + 1), which is not visible ASCII; send a key of " + rule))
    }

    private struct CreatedBody: Encodable {
        var id: Int64
        var round: String
        var status: String
    }
}

/// A JSON object of answers: strings, numbers, true/false, null (no answer) and lists of codes.
enum JSONAnswers {
    struct Problem: Error {
        var field: String?
        var message: String
    }

    /// The answers of a body, and each as the body wrote it.
    struct Body {
        var answers: [String: AnswerValue?]
        /// By name, the value in JSON's notation as sent (``JSONMembers/Member/text``): a number as
        /// written, which `answers` holds as read (`99999999999999999999` as 1e20).
        var valuesAsSent: [String: String]
    }

    static func decode(_ data: Data) -> Result<Body, Problem> {
        let notUTF8 = Problem(field: nil, message: "the body is not UTF-8 text; send the JSON object of answers in UTF-8")
        // JSONDecoder also reads UTF-16 (by its zero bytes), which the check for a name given twice,
        // made on UTF-8 bytes, cannot read: such a body kept one of two answers. No UTF-8 JSON holds
        // a zero byte.
        guard !data.contains(0) else { return .failure(notUTF8) }
        let decoded: [String: JSONValue]
        do {
            decoded = try JSONDecoder().decode([String: JSONValue].self, from: data)
        } catch {
            guard String(validating: data, as: UTF8.self) != nil else { return .failure(notUTF8) }
            return .failure(refusal(ofUnreadable: data))
        }
        var valuesAsSent: [String: String] = [:]
        for member in JSONMembers.read(data) where valuesAsSent.updateValue(member.text, forKey: member.name) != nil {
            return .failure(Problem(field: member.name, message: "\(member.name) is given twice in the body; give each answer once"))
        }
        var answers: [String: AnswerValue?] = [:]
        for (name, value) in decoded {
            switch value.answer {
            case .some(let answer): answers[name] = .some(answer)
            case .none where value.isNull: answers[name] = .some(nil)
            case .none where value.holdsUnreadableText:
                return .failure(Problem(field: name,
                    message: "the value of \(name) holds a string that is not text (bytes that are not UTF-8, or a \\u escape of half a surrogate pair); send its text in UTF-8"))
            case .none where value.isOutOfRange:
                return .failure(Problem(field: name,
                    message: "the value of \(name) is a number beyond what a decimal holds (about ±1.8e308); give a number within it"))
            case .none where value.isList:
                return .failure(Problem(field: name,
                    message: "the list of \(name) holds something other than codes (null, true/false, a decimal, a list or an object); give its codes as strings or whole numbers, or null for no answer"))
            case .none:
                return .failure(Problem(field: name,
                    message: "the value of \(name) is a JSON object; give a string, a number, true/false, null or a list of codes "
                        + "(a matrix is answered row by row, each row under its own name, \(name)_ROW)"))
            }
        }
        return .success(Body(answers: answers, valuesAsSent: valuesAsSent))
    }

    /// Why a body that is no JSON object is refused. `NaN` and `Infinity`, which are not JSON but
    /// what Python's `json.dumps` writes for a missing number (pandas' empty cell), are named with
    /// their field, and JSON of another kind by its kind (a list of responses is sent one by one):
    /// each was "not a JSON object of answers", which sent the partner looking for the fault.
    private static func refusal(ofUnreadable data: Data) -> Problem {
        let example = "one JSON object of answers, e.g. {\"founded\": 2016, \"sdg\": [\"3\", \"8\"]}"
        if let member = JSONMembers.read(data).first(where: { ["NaN", "Infinity", "-Infinity"].contains($0.text) }) {
            return Problem(field: member.name, message: "the value of \(member.name) is \(member.text), which is not JSON "
                + "(Python's json.dumps writes it for a missing number, such as pandas' empty cell): send null for no answer")
        }
        let kind = switch try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed) {
        case .none: "not valid JSON; send"
        case .some(is [Any]): "a JSON list; send each response in a request of its own, as"
        case .some(is NSNull): "JSON null; send"
        case .some(is String): "a JSON string; send"
        default: "a JSON number or true/false; send"
        }
        return Problem(field: nil, message: "the body is \(kind) \(example)")
    }

    private enum JSONValue: Decodable {
        case null
        case bool(Bool)
        case integer(Int64)
        case number(Double)
        case string(String)
        case list([JSONValue])
        case object
        /// A number no `Double` holds, such as `1e400`.
        case outOfRange
        /// A string that is no text: bytes that are not UTF-8, or `\ud800` (half a surrogate pair).
        case unreadableText

        init(from decoder: any Decoder) throws {
            if let container = try? decoder.singleValueContainer() {
                if container.decodeNil() { self = .null; return }
                if let value = try? container.decode(Bool.self) { self = .bool(value); return }
                if let value = try? container.decode(Int64.self) { self = .integer(value); return }
                if let value = try? container.decode(Double.self) { self = .number(value); return }
                do {
                    self = .string(try container.decode(String.self))
                    return
                } catch DecodingError.typeMismatch {
                    // Not a string: a list, an object or a number out of range, below.
                } catch {
                    self = .unreadableText
                    return
                }
                if let value = try? container.decode([JSONValue].self) { self = .list(value); return }
            }
            self = (try? decoder.container(keyedBy: AnyKey.self)) == nil ? .outOfRange : .object
        }

        var isNull: Bool {
            if case .null = self { return true }
            return false
        }

        var isList: Bool {
            if case .list = self { return true }
            return false
        }

        var isOutOfRange: Bool {
            if case .outOfRange = self { return true }
            return false
        }

        /// Whether it is, or its list holds, a string that is no text.
        var holdsUnreadableText: Bool {
            switch self {
            case .unreadableText: true
            case .list(let items): items.contains { $0.holdsUnreadableText }
            default: false
            }
        }

        private struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        /// The answer; nil for null, an object or a list of anything but codes.
        var answer: AnswerValue? {
            switch self {
            case .null, .object, .outOfRange, .unreadableText: return nil
            case .bool(let value): return .boolean(value)
            case .integer(let value): return .integer(value)
            case .number(let value): return .decimal(value)
            case .string(let value): return .text(value)
            case .list(let items):
                var codes: [String] = []
                for item in items {
                    switch item {
                    case .string(let code): codes.append(code)
                    case .integer(let code): codes.append(String(code))
                    default: return nil
                    }
                }
                return .choices(codes)
            }
        }
    }
}
