import Foundation
import Testing

/// A respondent going through the form of one link with a browser's moves: read the page,
/// post it with the hidden fields it carries, follow the redirect.
struct Respondent {
    let client: WebClient
    /// `/t/TOKEN`.
    let path: String
    /// Sent with every request, as a browser sends its Accept-Language.
    var headers: [String: String] = [:]

    var token: String { String(path.dropFirst(3)) }

    /// A respondent who opens the start page of anonymous round `round` and presses its button,
    /// as a browser does; throws unless that begins a response.
    static func start(_ client: WebClient, round: String, headers: [String: String] = [:]) async throws -> Respondent {
        let reply = try await startReply(client, round: round, headers: headers)
        guard reply.status == 303, let location = reply.location, location.hasPrefix("/t/") else {
            throw TestFailure("starting \(round) gave \(reply.status): \(reply.body.prefix(400))")
        }
        return Respondent(client: client, path: location, headers: headers)
    }

    /// What posting the start page of `round` with the fields it carries answers.
    static func startReply(_ client: WebClient, round: String, headers: [String: String] = [:]) async throws -> WebClient.Reply {
        let page = try await client.get("/s/" + round, headers: headers).body
        guard let csrf = Page.hidden("samla.csrf", in: page), let language = Page.hidden("samla.lang", in: page) else {
            throw TestFailure("no start form on the page: \(page.prefix(400))")
        }
        return try await client.postForm("/s/" + round, [("samla.csrf", csrf), ("samla.lang", language)], headers: headers)
    }

    /// The page the link shows now, at the address the link leads to (`/t/TOKEN/N` while the form is filled in).
    func show() async throws -> WebClient.Reply {
        try await client.open(path, headers: headers)
    }

    /// Whether `location` is the link or one of its pages' addresses.
    func isOwn(_ location: String?) -> Bool {
        location == path || location?.hasPrefix(path + "/") == true
    }

    /// Posts the page shown now with `fields` and the button `action`, to the address it was shown at.
    func post(_ fields: [(String, String)], action: String = "next") async throws -> WebClient.Reply {
        let shown = try await show()
        let page = shown.body
        guard let csrf = Page.hidden("samla.csrf", in: page), let id = Page.hidden("samla.page", in: page),
              let language = Page.hidden("samla.lang", in: page) else { throw TestFailure("no form on the page: \(page.prefix(400))") }
        return try await client.postForm(
            shown.address, [("samla.csrf", csrf), ("samla.page", id), ("samla.lang", language)] + fields + [("samla.action", action)], headers: headers)
    }

    /// Checks that the page shown now is titled `title`, posts it, and expects to be sent on.
    @discardableResult
    func answer(_ title: String, _ fields: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) async throws -> WebClient.Reply {
        let shown = try await show()
        guard Page.title(shown.body) == title else {
            throw TestFailure("expected the page \(title), got \(Page.title(shown.body) ?? "none") at \(sourceLocation)")
        }
        let reply = try await post(fields)
        guard reply.status == 303, isOwn(reply.location) else {
            throw TestFailure("posting \(title) gave \(reply.status): \(Self.errors(reply.body)) at \(sourceLocation)")
        }
        return reply
    }

    /// The error summary's entries, each the id its link leads to and its text; a link to an id
    /// that no element of the page has (or more than one has) is recorded as an issue.
    static func errors(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let expression = try! NSRegularExpression(pattern: ##"<li><a href="#([^"]*)">([^<]*)</a></li>"##)
        return expression.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            guard let id = Range(match.range(at: 1), in: html), let text = Range(match.range(at: 2), in: html) else { return nil }
            let targets = html.components(separatedBy: #"id="\#(html[id])""#).count - 1
            if targets != 1 {
                Issue.record("the error summary links to #\(html[id]), which \(targets) elements of the page have", sourceLocation: sourceLocation)
            }
            return "\(html[id]) \(Page.unescape(String(html[text])))"
        }
    }
}
