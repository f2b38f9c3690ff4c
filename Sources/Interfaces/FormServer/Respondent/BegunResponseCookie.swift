import Hummingbird
import Store

/// The cookie by which an anonymous round's start page knows the response this browser began
/// there. The browser's Back button leads from the form's first pages to the start page, whose
/// button begins a second, empty response; while the first is not submitted, the start page links
/// to it. A session cookie sent only to `/s/ROUND`, holding the link as the browser's history does.
enum BegunResponseCookie {
    static let name = "samla_begun"

    static func cookie(_ token: InvitationToken, round: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: token.text, path: "/s/" + round, secure: secure, httpOnly: true, sameSite: .lax)
    }
}
