import Crypto
import Foundation

/// Makes and checks the server's signed values with HMAC-SHA256 under a key kept in the store:
/// the CSRF token of a respondent's form (bound to the link token), the CSRF token of the
/// admin login form (bound to a nonce cookie), and admin session cookies.
struct RequestSigner: Sendable {
    private let secret: [UInt8]

    init(secret: [UInt8]) {
        self.secret = secret
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// The signature of `purpose` and `value`, base64url.
    func sign(_ purpose: String, _ value: String) -> String {
        Base64URL.encode(HMAC<SHA256>.authenticationCode(for: Data("\(purpose)\u{0}\(value)".utf8), using: key))
    }

    func verify(_ signature: String?, _ purpose: String, _ value: String) -> Bool {
        guard let signature else { return false }
        return ConstantTime.equals(signature, sign(purpose, value))
    }

    /// A signer under a key derived from this one and `context` (the admin secret), so that
    /// changing the context invalidates what was signed before.
    func derived(_ context: String) -> RequestSigner {
        let derived = HMAC<SHA256>.authenticationCode(for: Data("derive\u{0}\(context)".utf8), using: key)
        return RequestSigner(secret: Array(derived))
    }

    /// The CSRF token of the form a link token opens: the same on every page of that response.
    func respondentToken(linkTokenHash: String) -> String {
        sign("respondent-form", linkTokenHash)
    }
}
