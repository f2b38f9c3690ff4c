import Crypto
import Foundation
import Hummingbird

/// Admin sign-in: an admin's secret at the login form gives a signed session cookie (HttpOnly,
/// SameSite=Strict, Path=/admin) in their name. A session ends after ``idleLimit`` without use
/// and eight hours after sign-in at the latest. It is used when a page or download is served with
/// it, which signs its cookie anew with the time of that use: the time of last use is kept in the
/// cookie, so that viewing a page writes nothing to the database.
///
/// A session is signed under a key derived from the server's key and its admin's name and secret,
/// so that an admin removed from the file, or given a new secret, is signed out; signing out ends
/// one session, which the store keeps until it would have expired. Posts carry a CSRF token bound
/// to the session (or, at the login form, to a nonce cookie).
struct AdminSessions: Sendable {
    /// A signed session, still in use: whose it is, its random nonce and when it expires (unix seconds).
    struct Session: Equatable {
        var admin: String
        var nonce: String
        var expiresAt: Int64

        /// What the log calls the session: the same on its sign-in, downloads and sign-out, so
        /// that a download of personal data can be traced to a sign-in, but no part of its cookie.
        var logTag: String {
            String(Base64URL.encode(SHA256.hash(data: Data("session-log\u{0}\(nonce)".utf8))).prefix(12))
        }
    }

    /// Why a signed session no longer signs in.
    enum Ending: Equatable {
        /// Not used for ``idleLimit``.
        case idle
        /// Signed in ``lifetime`` ago.
        case lifetime
        /// Signed for an admin the file (read again on SIGHUP) no longer has, or has with another
        /// secret. Any cookie of a session's shape whose signature no admin's key verifies reads
        /// so, which tells a visitor nothing of who is in the file.
        case revoked
    }

    /// What a request's session cookie says.
    enum Check: Equatable {
        case valid(Session)
        /// A session that has ended, or one the admins file no longer signs; `nonce` says whether
        /// it was signed out before.
        case ended(Ending, nonce: String)
        /// No cookie, or one that is not signed by an admin of the file.
        case none
    }

    static let sessionCookie = "samla_admin"
    static let loginCookie = "samla_login"
    /// Marks a browser where an admin signed in, whose failed sign-ins are counted apart (``SignInThrottle``).
    static let deviceCookie = "samla_device"
    static let deviceLifetime = 90 * 86_400
    static let lifetime: TimeInterval = 8 * 3600
    static let defaultIdleLimit: TimeInterval = 30 * 60

    let roster: AdminRoster
    let idleLimit: TimeInterval
    let secureCookies: Bool
    private let signers: [String: RequestSigner]
    private let serverSigner: RequestSigner

    init(serverSigner: RequestSigner, roster: AdminRoster, idleLimit: TimeInterval = Self.defaultIdleLimit, secureCookies: Bool) {
        self.roster = roster
        self.idleLimit = idleLimit
        self.secureCookies = secureCookies
        self.serverSigner = serverSigner
        signers = Dictionary(roster.admins.map { ($0.name, serverSigner.derived("admin-session\u{0}\($0.name)\u{0}\($0.secret.value)")) }) { first, _ in first }
    }

    /// These sessions with the admins of `roster` instead: a session of an admin not in it, or
    /// given another secret there, no longer signs in; the others' sessions go on.
    func replacing(roster: AdminRoster) -> AdminSessions {
        AdminSessions(serverSigner: serverSigner, roster: roster, idleLimit: idleLimit, secureCookies: secureCookies)
    }

    /// A new session of `admin`, signed in at `now`; ``renewedCookie(_:now:)`` is its cookie.
    func newSession(admin: String, now: Date) -> Session {
        Session(admin: admin, nonce: Base64URL.randomToken(byteCount: 16), expiresAt: Int64(now.timeIntervalSince1970 + Self.lifetime))
    }

    /// The cookie value of `session` used at `now`: `expiry.used.nonce.name.signature`, the name
    /// base64url.
    func cookieValue(_ session: Session, usedAt now: Date) -> String {
        let value = "\(session.expiresAt).\(Int64(now.timeIntervalSince1970)).\(session.nonce).\(Base64URL.encode(Array(session.admin.utf8)))"
        return value + "." + (signers[session.admin]?.sign("session", value) ?? "")
    }

    /// Whether the cookie is a session of an admin of the file, and whether it is still in use at
    /// `now` (whether it was signed out is the store's to say).
    func check(_ cookie: String?, now: Date) -> Check {
        guard let cookie else { return .none }
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 5, let expiry = Int64(parts[0]), let used = Int64(parts[1]),
              let name = Base64URL.decode(String(parts[3])).map({ String(decoding: $0, as: UTF8.self) })
        else { return .none }
        let nonce = String(parts[2])
        guard let signer = signers[name], signer.verify(String(parts[4]), "session", parts[..<4].joined(separator: ".")) else {
            return .ended(.revoked, nonce: nonce)
        }
        let seconds = now.timeIntervalSince1970
        if Double(expiry) <= seconds { return .ended(.lifetime, nonce: nonce) }
        if seconds - Double(used) >= idleLimit { return .ended(.idle, nonce: nonce) }
        return .valid(Session(admin: name, nonce: nonce, expiresAt: expiry))
    }

    /// The device cookie's value for a browser where `admin` just signed in: a random nonce and the
    /// admin's name, signed under the admin's key, so that it marks nothing once they leave the file.
    func deviceCookieValue(admin: String) -> String {
        let value = "\(Base64URL.randomToken(byteCount: 16)).\(Base64URL.encode(Array(admin.utf8)))"
        return value + "." + (signers[admin]?.sign("device", value) ?? "")
    }

    /// The nonce of a device cookie that an admin of the file was given; nil for any other value.
    func knownDevice(_ cookie: String?) -> String? {
        guard let parts = cookie?.split(separator: ".", omittingEmptySubsequences: false), parts.count == 3,
              let name = Base64URL.decode(String(parts[1])).map({ String(decoding: $0, as: UTF8.self) }),
              let signer = signers[name], signer.verify(String(parts[2]), "device", parts[..<2].joined(separator: "."))
        else { return nil }
        return String(parts[0])
    }

    /// The CSRF token of forms within a session.
    func csrfToken(session nonce: String) -> String {
        serverSigner.sign("admin-csrf", nonce)
    }

    func verifyCSRF(_ token: String?, session nonce: String) -> Bool {
        serverSigner.verify(token, "admin-csrf", nonce)
    }

    /// The CSRF token of the login form, bound to the nonce in the login cookie.
    func loginToken(nonce: String) -> String {
        serverSigner.sign("admin-login", nonce)
    }

    func verifyLoginToken(_ token: String?, nonce: String?) -> Bool {
        guard let nonce else { return false }
        return serverSigner.verify(token, "admin-login", nonce)
    }

    func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Self.cookie(name, value, maxAge: maxAge, secure: secureCookies)
    }

    /// A cookie of the admin pages: HttpOnly, SameSite=Strict, Path=/admin, and `Secure` when the
    /// server's cookies are (an `https://` base URL).
    static func cookie(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/admin", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The session cookie of `session` used at `now`, to send with the page it was used for. The
    /// browser keeps it an hour past the session's end, so that the sign-in form can say why it ended.
    func renewedCookie(_ session: Session, now: Date) -> Cookie {
        cookie(Self.sessionCookie, cookieValue(session, usedAt: now), maxAge: Int(session.expiresAt - Int64(now.timeIntervalSince1970)) + 3600)
    }

    /// `path` (of a page under /admin, with its query) when it is safe to send a visitor to after
    /// sign-in: a path of this server's admin pages, never another site's address.
    static func returnPath(_ path: String?) -> String? {
        guard let path = adminPath(path), !path.hasPrefix("/admin/login"), !path.hasPrefix("/admin/logout") else { return nil }
        return path
    }

    /// `path` (with its query) when it is a path of this server's admin pages, the sign-in form
    /// included: never another site's address.
    static func adminPath(_ path: String?) -> String? {
        guard let path, path.utf8.count <= 2048, path == "/admin" || path.hasPrefix("/admin/") || path.hasPrefix("/admin?"),
              !path.contains("//"), !path.contains("\\"),
              path.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value != 0x7F })
        else { return nil }
        return path
    }
}
