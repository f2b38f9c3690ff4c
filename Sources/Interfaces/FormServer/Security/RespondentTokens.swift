import Foundation

/// The CSRF tokens of respondents' forms, remembered per link: a post checks one and every page
/// draws one, and the HMAC behind a token cost more than the rest of the check. Holds at most
/// `capacity` tokens and starts again empty when full.
final class RespondentTokens: @unchecked Sendable {
    private let signer: RequestSigner
    private let capacity: Int
    private let lock = NSLock()
    private var tokens: [String: String] = [:]

    init(signer: RequestSigner, capacity: Int = 4096) {
        precondition(capacity > 0)
        self.signer = signer
        self.capacity = capacity
    }

    /// The CSRF token of the form the link with token hash `linkTokenHash` opens.
    func token(linkTokenHash: String) -> String {
        if let known = lock.withLock({ tokens[linkTokenHash] }) { return known }
        let token = signer.respondentToken(linkTokenHash: linkTokenHash)
        lock.withLock {
            if tokens.count >= capacity { tokens.removeAll(keepingCapacity: true) }
            tokens[linkTokenHash] = token
        }
        return token
    }

    /// Whether `given` is the CSRF token of that link's form.
    func verify(_ given: String?, linkTokenHash: String) -> Bool {
        guard let given else { return false }
        return ConstantTime.equalsOfPublicLength(given, token(linkTokenHash: linkTokenHash))
    }

    var count: Int { lock.withLock { tokens.count } }
}
