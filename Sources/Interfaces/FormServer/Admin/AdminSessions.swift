import Crypto
import Foundation
import Hummingbird

/// Admin sign-in: the operator's secret at a login form gives a signed session cookie
/// (HttpOnly, SameSite=Strict, Path=/admin) for eight hours. Sessions are signed under a key
/// derived from the server's key and the admin secret, so a new secret ends every session;
/// signing out ends one, which the store keeps until it would have expired.
/// Posts carry a CSRF token bound to the session (or, at the login form, to a nonce cookie).
struct AdminSessions: Sendable {
    /// A signed, unexpired session: its random nonce and when it expires (unix seconds).
    struct Session: Equatable {
        var nonce: String
        var expiresAt: Int64

        /// What the log calls the session: the same on its sign-in, downloads and sign-out, so
        /// that a download of personal data can be traced to a sign-in, but no part of its cookie.
        var logTag: String {
            String(Base64URL.encode(SHA256.hash(data: Data("session-log\u{0}\(nonce)".utf8))).prefix(12))
        }
    }

    static let sessionCookie = "samla_admin"
    static let loginCookie = "samla_login"
    static let lifetime: TimeInterval = 8 * 3600

    private let signer: RequestSigner
    private let loginSigner: RequestSigner
    let secret: Secret
    let secureCookies: Bool

    init(serverSigner: RequestSigner, secret: Secret, secureCookies: Bool) {
        self.signer = serverSigner.derived("admin-session\u{0}" + secret.value)
        self.loginSigner = serverSigner
        self.secret = secret
        self.secureCookies = secureCookies
    }

    /// A new session cookie's value: `expiry.nonce.signature`.
    func newSession(now: Date) -> String {
        let value = "\(Int(now.timeIntervalSince1970 + Self.lifetime)).\(Base64URL.randomToken(byteCount: 16))"
        return value + "." + signer.sign("session", value)
    }

    /// The session when the cookie is signed and not expired (whether it was signed out is the
    /// store's to say).
    func validSession(_ cookie: String?, now: Date) -> Session? {
        guard let cookie else { return nil }
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let expiry = Int64(parts[0]), Double(expiry) > now.timeIntervalSince1970 else { return nil }
        let value = "\(parts[0]).\(parts[1])"
        guard signer.verify(String(parts[2]), "session", value) else { return nil }
        return Session(nonce: String(parts[1]), expiresAt: expiry)
    }

    /// The CSRF token of forms within a session.
    func csrfToken(session nonce: String) -> String {
        signer.sign("admin-csrf", nonce)
    }

    func verifyCSRF(_ token: String?, session nonce: String) -> Bool {
        signer.verify(token, "admin-csrf", nonce)
    }

    /// The CSRF token of the login form, bound to the nonce in the login cookie.
    func loginToken(nonce: String) -> String {
        loginSigner.sign("admin-login", nonce)
    }

    func verifyLoginToken(_ token: String?, nonce: String?) -> Bool {
        guard let nonce else { return false }
        return loginSigner.verify(token, "admin-login", nonce)
    }

    func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/admin", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }
}
