import HTTPTypes
import Hummingbird

/// The headers every response carries: a Content-Security-Policy that allows styles only from this
/// server and no script, except the form's one script file on form pages (`/t/…`); no framing, no
/// MIME sniffing, and no Referer (links carry personal tokens). Pages are not cached, since they
/// may show personal answers.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy of every page but the form's.
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    /// The form's policy: scripts from this server only (``FormScript``), never inline or `eval`.
    static var formContentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    /// Where the form's pages are.
    static var formPathPrefix: String { "/t/" }

    static func fields(policy: String) -> HTTPFields {
        [
            .contentSecurityPolicy: policy,
            .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            HTTPField.Name("X-Frame-Options")!: "DENY",
            HTTPField.Name("Cross-Origin-Opener-Policy")!: "same-origin",
            HTTPField.Name("Permissions-Policy")!: "camera=(), microphone=(), geolocation=()",
        ]
    }

    /// Made once per server (a generic type has no stored statics): checking header names and
    /// values on every response cost more than adding them. No route sets any of them, so they
    /// are appended, not looked up and replaced one by one.
    private let fields = Self.fields(policy: Self.contentSecurityPolicy)
    private let formFields = Self.fields(policy: Self.formContentSecurityPolicy)
    private let noStore = HTTPField(name: .cacheControl, value: "no-store")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        assert(fields.allSatisfy { response.headers[$0.name] == nil }, "a route set a security header")
        response.headers.append(contentsOf: request.uri.path.hasPrefix(Self.formPathPrefix) ? formFields : fields)
        if response.headers[.cacheControl] == nil {
            response.headers.append(noStore)
        }
        return response
    }
}
