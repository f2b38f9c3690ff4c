import Foundation
import Hummingbird

/// Which language the admin pages are shown in, Swedish or English: the admin's choice, which the
/// language switch keeps in a cookie of the browser, else the first of them the browser's
/// `Accept-Language` ranks highest, else English.
///
/// The switch is a link to `GET /admin/language?lang=L&back=PATH`, which sets the cookie and sends
/// the admin back to `PATH`, a path of the admin pages (``AdminSessions/adminPath(_:)``): it
/// changes the language and nothing else, so it needs no session and no CSRF token, and whatever
/// page it leads back to checks its session as any visit does.
enum AdminLanguage {
    static let cookie = "samla_admin_lang"
    static let switchPath = "/admin/language"
    /// English first: the language when the browser asks for neither.
    static let languages = ["en", "sv"]
    /// How long the browser keeps the choice: a year.
    static let cookieAge = 365 * 86_400

    /// The language of an admin page for `request`.
    static func of(_ request: Request) -> String {
        LanguageChoice.choose(
            query: request.cookies[cookie]?.value, acceptLanguage: request.headers[.acceptLanguage], offered: languages)
    }

    /// The path and query `request` asked for, as the language switch and the sign-in form come back to it.
    static func pathAsked(_ request: Request) -> String {
        request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
    }

    /// `back` when the switch may send the admin there: a path of the admin pages, not the
    /// switch itself; nil for anything else (another site's address, a respondent's page).
    static func backPath(_ back: String?) -> String? {
        guard let path = AdminSessions.adminPath(back), !path.hasPrefix(switchPath) else { return nil }
        return path
    }

    /// The switch's links on a page in `language` at `back`: one to each other language.
    static func links(from language: String, back: String) -> [PageShell.LanguageLink] {
        languages.filter { $0 != language }.map { other in
            PageShell.LanguageLink(language: other, href: "\(switchPath)?lang=\(other)&back=" + queryValue(back))
        }
    }

    /// `text` percent-encoded to stand as a query value: letters, digits, `-._~/` as they are.
    static func queryValue(_ text: String) -> String {
        let plain = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~/"))
        return text.addingPercentEncoding(withAllowedCharacters: plain) ?? ""
    }

    /// The cookie that keeps the choice of `language` (HttpOnly, SameSite=Strict, Path=/admin and,
    /// as the session cookie, `Secure` when the server's cookies are).
    static func choiceCookie(_ language: String, secure: Bool) -> Cookie {
        AdminSessions.cookie(cookie, language, maxAge: cookieAge, secure: secure)
    }
}
