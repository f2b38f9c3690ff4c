import Foundation

/// Caps failed admin sign-ins: after `limit` failures within `window` seconds, attempts are refused
/// without their secret being checked until the oldest of those failures is older than the window.
/// Per server, not per address, since behind a proxy every client has the proxy's address; so a
/// flood of wrong guesses also keeps the right secret out until it stops. Except in a browser
/// where an admin signed in before (its device cookie, ``AdminSessions/knownDevice(_:)``): each
/// such browser's failures are counted apart, capped the same, so that a stranger's guesses cannot
/// keep the admins out of their own browsers (OWASP's device cookies against lockout).
final class SignInThrottle: @unchecked Sendable {
    enum Outcome<Found> {
        /// Checked and found: what the check found (the admin whose secret it was).
        case accepted(Found)
        case refused
        /// Not checked; seconds until a secret is checked again.
        case paused(seconds: Int)
    }

    let limit: Int
    let window: TimeInterval
    private let lock = NSLock()
    /// The times of the latest failures, oldest first, at most `limit`, by known browser (its
    /// device cookie's nonce; "" for every other browser).
    private var failures: [String: [Date]] = [:]

    init(limit: Int = 20, window: TimeInterval = 60) {
        precondition(limit > 0 && window > 0)
        self.limit = limit
        self.window = window
    }

    /// Runs `check` (a constant-time comparison) unless sign-in is paused for `device` (nil: a
    /// browser where no admin signed in), and counts a failure when it finds nothing; one at a
    /// time, so that attempts sent at once cannot all pass before their failures count.
    func attempt<Found>(now: Date, device: String? = nil, _ check: () -> Found?) -> Outcome<Found> {
        lock.withLock {
            let key = device ?? ""
            var recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            defer { failures[key] = recent.isEmpty ? nil : recent }
            if recent.count >= limit, let oldest = recent.first {
                return .paused(seconds: max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up))))
            }
            if let found = check() { return .accepted(found) }
            recent.append(now)
            return .refused
        }
    }
}
