import ArgumentParser
import Foundation
import Store

/// How `samla erase` and `samla access` name one respondent: `--response ID`, `--token TOKEN`
/// (`-` reads it from standard input, out of the shell's history) or `--round R --email ADDRESS`.
enum RespondentName {
    /// The token given, read from standard input when it is `-`.
    static func reading(token: String?) -> String? {
        token == "-" ? readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) ?? "" : token
    }

    /// Refuses a token that is not one `samla invite` writes, and an empty address.
    static func check(token: String?, email: String?) throws {
        if let token, InvitationToken(token) == nil {
            throw ValidationError("--token is not a token as samla invite writes them (43 letters, digits, - and _); copy it from the links file, or give - and the token on standard input")
        }
        if let email, email.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--email needs the invitation's address") }
    }

    /// The respondent named, by response id, by the token's hash (never the token) or by the address in `round`.
    static func subject(response: Int64?, token: String?, round: String?, email: String?) -> ErasureSubject {
        if let response { return .response(response) }
        if let token, let parsed = InvitationToken(token) { return .invitation(tokenHash: parsed.hash) }
        return .invitationEmail(round: round ?? "", email: (email ?? "").trimmingCharacters(in: .whitespaces))
    }

    /// The option that named the respondent, for diagnostics.
    static func option(response: Int64?, token: String?) -> String {
        response != nil ? "--response" : token != nil ? "--token" : "--email"
    }
}
