import Diagnostics
import Hummingbird
import Logging
import NIOHTTP1
import Store

/// Turns every failure into a page in the visitor's language (or a JSON error under `/api/`):
/// never a stack trace, never SQL. A database that cannot take the request (busy, full,
/// read-only: E432–E434) is logged with its diagnostic and answered with 503 and `Retry-After`;
/// other unexpected errors are logged with their detail and answered with a plain 500.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    /// The database as named in the log.
    let database: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as WebFailure {
            return failure.response(to: request)
        } catch HTTPParserError.invalidEOFState {
            // The client went away before its body ended (a dropped mobile connection, or one the
            // server cut off, E486): nothing was taken and no one is left to answer; not an error of the server.
            logger.notice("request body cut short; nothing was taken", metadata: ["path": "\(RequestLogMiddleware<Context>.redacted(request.uri.path))"])
            return WebFailure.badRequest.response(to: request)
        } catch is CancellationError {
            // SIGTERM's grace passed with the request still waiting (its body trickling in): the
            // stop closed it before it reached the store; an expected end, not an error of the server.
            logger.notice("request cut off by the server's stop; nothing was taken", metadata: ["path": "\(RequestLogMiddleware<Context>.redacted(request.uri.path))"])
            return WebFailure.serverError.response(to: request)
        } catch let error as HTTPParserError {
            // A body whose framing cannot be read (a chunk size that is no number, a transfer coding
            // other than chunked): the client's fault, not the server's, so 400 and a notice rather
            // than 500 and an error for an alert; the parser reads nothing more of the connection.
            logger.notice("request body could not be read; nothing was taken", metadata: [
                "path": "\(RequestLogMiddleware<Context>.redacted(request.uri.path))", "error": "\(error)",
            ])
            return WebFailure.badRequest.response(to: request)
        } catch let error as any HTTPResponseError {
            switch error.status {
            case .notFound: return WebFailure.notFound.response(to: request)
            case .contentTooLarge: return WebFailure.tooLarge.response(to: request)
            case .badRequest: return WebFailure.badRequest.response(to: request)
            case .methodNotAllowed:
                let allow = (error as? HTTPError)?.headers[.allow]
                var response = WebFailure.methodNotAllowedResponse(to: request, allow: allow)
                if let allow { response.headers[.allow] = allow }
                return response
            default:
                logger.error("request failed", metadata: ["path": "\(RequestLogMiddleware<Context>.redacted(request.uri.path))", "error": "\(error)"])
                return WebFailure.serverError.response(to: request)
            }
        } catch {
            let path = RequestLogMiddleware<Context>.redacted(request.uri.path)
            if let diagnostic = WebFailure.databaseFailure(error, database: database) {
                WebFailure.logNotStored(diagnostic, path: path, logger: logger)
                return WebFailure.unavailable(diagnostic.code).response(to: request)
            }
            logger.error("request failed", metadata: ["path": "\(path)", "error": "\(error)"])
            return WebFailure.serverError.response(to: request)
        }
    }
}

/// A request the server answers with an error page (or a JSON error for the API).
enum WebFailure: Error, Equatable {
    case notFound
    case tooLarge
    case badRequest
    case csrf
    case serverError
    /// The database cannot take the request just now (its code, E432–E434): nothing was stored.
    case unavailable(DiagnosticCode)

    /// How long a client is asked to wait before it tries a request the database could not take.
    static let retryAfterSeconds = 60

    /// The diagnostic (E432–E434) of an error that is the database's own refusal (busy, full,
    /// unwritable), after which the same request may succeed unchanged; nil for any other error.
    static func databaseFailure(_ error: any Error, database: String) -> Diagnostic? {
        guard let failure = error as? StoreError ?? StoreError(databaseFailure: error, path: database), failure.isDatabaseFailure else { return nil }
        return failure.diagnostics(database: database).first
    }

    static func logNotStored(_ diagnostic: Diagnostic, path: String, logger: Logger) {
        logger.error("request not stored", metadata: ["path": "\(path)", "code": "\(diagnostic.code.id)", "error": "\(diagnostic)"])
    }

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .tooLarge: .contentTooLarge
        case .badRequest: .badRequest
        case .csrf: .forbidden
        case .serverError: .internalServerError
        case .unavailable: .serviceUnavailable
        }
    }

    /// 405: under `/api/` a JSON error that names the methods the path takes (the path exists, so
    /// "no such resource" would send a partner looking for another address); on the admin pages a
    /// page saying how the page is reached (an address that only takes a form's post, opened from
    /// history or a bookmark, is reached by its button); elsewhere the not-found page with the status.
    static func methodNotAllowedResponse(to request: Request, allow: String?) -> Response {
        let path = request.uri.path
        if path == "/admin" || path.hasPrefix("/admin/") {
            let postOnly = allow == "POST" && (request.method == .get || request.method == .head)
            let words = AdminText(AdminLanguage.of(request))
            let (title, body) = words.methodNotAllowed(path: path, method: request.method.rawValue, allow: allow, postOnly: postOnly)
            return Reply.html(adminPage(request, words, title: title, body: body, link: (words.allRounds, "/admin")), status: .methodNotAllowed)
        }
        guard path.hasPrefix("/api/") else {
            var response = WebFailure.notFound.response(to: request)
            response.status = .methodNotAllowed
            return response
        }
        let message = "this resource does not take \(request.method.rawValue)" + (allow.map { "; it takes \($0)" } ?? "")
            + "; submissions go to POST /api/rounds/ROUND/responses"
        return Reply.json(APIErrorBody(errors: [.init(code: DiagnosticCode.apiMethodNotAllowed.id, message: message)]), status: .methodNotAllowed)
    }

    func response(to request: Request) -> Response {
        var response = page(for: request)
        if case .unavailable = self { response.headers[.retryAfter] = String(Self.retryAfterSeconds) }
        return response
    }

    private func page(for request: Request) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            let (code, message): (DiagnosticCode, String) = switch self {
            case .notFound: (.apiNoSuchResource, "there is no such API resource; submissions go to POST /api/rounds/ROUND/responses")
            case .tooLarge: (.bodyTooLarge, "the body is larger than the server accepts")
            case .badRequest: (.malformedJSON, "the request could not be read")
            case .csrf: (.csrfRejected, "the request was refused")
            case .serverError: (.apiServerFailure, "the server could not handle the request; nothing was stored; try again")
            case .unavailable(let code): (code, "the server cannot store responses just now; nothing was stored; try again in a few minutes (Retry-After)")
            }
            return Reply.json(APIErrorBody(errors: [.init(code: code.id, message: message)]), status: status)
        }
        if request.uri.path == "/admin" || request.uri.path.hasPrefix("/admin/") { return adminResponse(request) }
        let language = LanguageChoice.choose(
            query: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage], offered: UIText.languages)
        let words = UIText(language)
        let (title, body): (String, String) = switch self {
        case .notFound: (words.notFoundTitle, words.notFoundBody)
        case .tooLarge: (words.tooLargeTitle, words.tooLargeBody)
        case .badRequest: (words.badRequestTitle, words.badRequestBody)
        case .csrf: (words.expiredTitle, words.expiredBody)
        case .serverError: (words.serverErrorTitle, words.serverErrorBody)
        case .unavailable: (words.unavailableTitle, words.unavailableBody)
        }
        return Reply.html(MessagePageView(
            language: language, title: title, paragraphs: [body], languageLinks: Self.languageLinks(from: language),
            link: formLink(request, words)).render(), status: status)
    }

    /// The error page in the other languages: the address asked for with only `?lang=` as its query,
    /// written relative to it, since the path may be anything (`//other.example` would be another
    /// site's). After a failed post it opens the form (or the start page) in that language.
    private static func languageLinks(from language: String) -> [PageShell.LanguageLink] {
        UIText.languages.filter { $0 != language }.map { PageShell.LanguageLink(language: $0, href: "?lang=" + FormBody.encode($0)) }
    }

    /// The admin pages' error page, in the admin's language: what happened and a link onwards (a
    /// sign-in form left open past its hour is refused for its CSRF token and leads back to the
    /// sign-in form, never to a respondent's "open your link").
    private func adminResponse(_ request: Request) -> Response {
        let words = AdminText(AdminLanguage.of(request))
        let page = words.errorPage(self)
        return Reply.html(Self.adminPage(request, words, title: page.title, body: page.body, link: page.link), status: status)
    }

    /// An admin message page; its language switch comes back to the same address when it was a
    /// page's (GET), else to the page's link onwards (a form's post is not repeated).
    private static func adminPage(_ request: Request, _ words: AdminText, title: String, body: String, link: (text: String, href: String)) -> String {
        let back = request.method == .get || request.method == .head ? AdminLanguage.pathAsked(request) : link.href
        return MessagePageView(language: words.language, title: title, paragraphs: [body],
                               languageLinks: AdminLanguage.links(from: words.language, back: back), link: link).render()
    }

    /// Back to the respondent's form, when a post of it failed: its GET shows the page as saved
    /// (`/s/ROUND`, `/t/TOKEN`, or the page posted, `/t/TOKEN/N`).
    private func formLink(_ request: Request, _ words: UIText) -> (text: String, href: String)? {
        guard self != .notFound, request.method == .post else { return nil }
        let path = request.uri.path
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count >= 3, segments[0].isEmpty, !segments[2].isEmpty else { return nil }
        switch (segments[1], segments.count) {
        case ("s", 3), ("t", 3): return (words.continueLink, path)
        case ("t", 4) where !segments[3].isEmpty: return (words.continueLink, path)
        default: return nil
        }
    }
}
