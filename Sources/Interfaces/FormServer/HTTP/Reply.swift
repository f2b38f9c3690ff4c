import Foundation
import Hummingbird

/// Responses the routes send.
enum Reply {
    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// 303 See Other: after a post, the browser fetches `location` with GET.
    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    static func json(_ text: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        json(JSONText.encode(value), status: status)
    }
}

/// JSON with sorted keys, as the API answers.
enum JSONText {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The body of every API error: one entry per problem, each with its code from the catalogue.
struct APIErrorBody: Codable, Sendable {
    struct Entry: Codable, Sendable {
        var field: String?
        var code: String
        var message: String
        var value: String?

        init(field: String? = nil, code: String, message: String, value: String? = nil) {
            self.field = field
            self.code = code
            self.message = message
            self.value = value
        }
    }

    var errors: [Entry]
}

extension Request {
    /// The body, at most `limit` bytes; a larger one (by its Content-Length or as it arrives) is `WebFailure.tooLarge`.
    func collectBody(limit: Int) async throws -> ByteBuffer {
        if let declared = headers[.contentLength].flatMap(Int.init), declared > limit { throw WebFailure.tooLarge }
        do {
            return try await body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw WebFailure.tooLarge
        }
    }
}
