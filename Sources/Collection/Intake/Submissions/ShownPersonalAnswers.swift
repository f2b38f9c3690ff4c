import Crypto
import Foundation
import Responses
import SurveyDefinition

/// The stored personal answers a form page showed, which the page carries as digests in a hidden
/// field, so that a page shown before an erasure (`samla erase`) and posted after it does not
/// write the erased values back: a personal answer posted just as the page showed it, which the
/// store no longer holds, is not taken again. One typed anew is. A digest names no value (only
/// one as the page itself shows it would match), and a page without personal answers carries none.
public enum ShownPersonalAnswers {
    /// The digests of the personal answers among `fields` (what a page shows from the store, by
    /// variable), in no particular order.
    public static func digests(of fields: [String: FormField], _ validator: ResponseValidator) -> Set<String> {
        var digests: Set<String> = []
        for (name, field) in fields where !field.isEmpty {
            guard let index = validator.index(ofVariable: name), validator.variables[index].isPII else { continue }
            digests.insert(digest(name, field))
        }
        return digests
    }

    /// `fields` posted on a page that carried `shown`, without each personal answer that is one the
    /// page showed and that `stored` (the response as the store holds it now) no longer has.
    static func withoutErased(
        _ fields: [String: FormField], shown: Set<String>, stored: [AnswerValue?], _ validator: ResponseValidator
    ) -> [String: FormField] {
        guard !shown.isEmpty else { return fields }
        return fields.filter { name, field in
            guard let index = validator.index(ofVariable: name), validator.variables[index].isPII,
                  index < stored.count, stored[index] == nil, !field.isEmpty else { return true }
            return !shown.contains(digest(name, field))
        }
    }

    /// The hidden field's value: the digests, space-separated.
    public static func fieldValue(_ digests: Set<String>) -> String {
        digests.sorted().joined(separator: " ")
    }

    /// The digests a posted hidden field carried.
    public static func parse(_ value: String?) -> Set<String> {
        Set((value ?? "").split(separator: " ").map(String.init))
    }

    /// The first 128 bits of the SHA-256 of the variable's name and the field as shown, in hex; line
    /// ends as a browser posts a text area's (CR LF) read as the page writes them (LF).
    static func digest(_ name: String, _ field: FormField) -> String {
        let shown = switch field {
        case .text(let text): text.replacingOccurrences(of: "\r\n", with: "\n")
        case .selections(let codes): codes.joined(separator: "\u{1F}")
        }
        let hash = SHA256.hash(data: Array((name + "\u{0}" + shown).utf8))
        return hash.prefix(16).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension WebResponse {
    /// Leaves out of `post` each personal answer its page showed that the response, as the store
    /// held it when read, no longer has.
    public func leaveOutErased(from post: inout PagePost) {
        guard !post.shownPersonal.isEmpty else { return }
        post.fields = ShownPersonalAnswers.withoutErased(post.fields, shown: post.shownPersonal, stored: stored, validator)
    }
}

extension FormField {
    /// Whether the field gives no answer: empty text, or nothing ticked.
    var isEmpty: Bool {
        switch self {
        case .text(let text): text.isEmpty
        case .selections(let codes): codes.allSatisfy(\.isEmpty)
        }
    }
}
