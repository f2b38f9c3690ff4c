import Crypto
import Foundation

/// Makes and checks the server's signed values with HMAC-SHA256 under a key kept in the store:
/// the CSRF token of a respondent's form (bound to the link token), of an anonymous round's start
/// form (bound to the round), of the admin login form (bound to a nonce cookie), and admin session
/// cookies. Each kind signs under its own purpose, so a token of one kind never passes as another.
struct RequestSigner: Sendable {
    private let secret: [UInt8]
    private let keyed: KeyedHMAC

    init(secret: [UInt8]) {
        self.secret = secret
        keyed = KeyedHMAC(mac: HMAC<SHA256>(key: SymmetricKey(data: secret)))
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// The signature of `purpose` and `value`, base64url.
    func sign(_ purpose: String, _ value: String) -> String {
        var message: [UInt8] = []
        message.reserveCapacity(purpose.utf8.count + 1 + value.utf8.count)
        message += purpose.utf8
        message.append(0)
        message += value.utf8
        var mac = keyed.mac
        mac.update(data: message)
        return Base64URL.encode(mac.finalize())
    }

    func verify(_ signature: String?, _ purpose: String, _ value: String) -> Bool {
        guard let signature else { return false }
        return ConstantTime.equalsOfPublicLength(signature, sign(purpose, value))
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

    /// The CSRF token of anonymous round `round`'s start form: no response exists yet, so it is
    /// bound to the round's name, the same for every respondent of the round.
    func startToken(round: String) -> String {
        sign("anonymous-start-form", round)
    }

    /// Whether `given` is the CSRF token of round `round`'s start form.
    func verifyStartToken(_ given: String?, round: String) -> Bool {
        verify(given, "anonymous-start-form", round)
    }
}

/// An HMAC with the key already taken in, copied for each signature: the web form checks one on
/// every post, and taking the key in (two SHA-256 blocks and their allocations) cost more than the
/// rest. Never mutated; a copy's hash state is copied on its first update (swift-crypto's digests
/// are copy-on-write), so copies made on several threads at once do not share state.
private struct KeyedHMAC: @unchecked Sendable {
    let mac: HMAC<SHA256>
}
