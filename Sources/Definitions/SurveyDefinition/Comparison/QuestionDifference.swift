import Foundation

/// One way a question differs between two definitions of a survey: what `samla compute` warns of
/// at an indicator (W305) and an export's codebook marks at a column.
public enum QuestionDifference: Sendable, Hashable {
    case type(from: String, to: String)
    /// The question's label (or its matrix row's) in these languages.
    case label(languages: [String])
    case hint(languages: [String])
    case choicesAdded([String])
    case choicesRemoved([String])
    /// Codes kept whose labels changed.
    case choiceLabels([String])
    /// Codes changed under a label kept in every language (``CodeRename``): the same option.
    case choicesRenamed([CodeRename])
    case constraint(from: String?, to: String?)
    case relevant(from: String?, to: String?)
    case calculation(from: String?, to: String?)
    case unit(from: String?, to: String?)
    /// Asked on a page with another condition: moved to another page, or its page's `relevant` changed.
    case page(from: PageCondition, to: PageCondition)

    /// How `asking` in `later` differs from `asked` in `earlier`, for the variable they store as
    /// `before` and `after` (a matrix row's label is its own); empty when they ask alike.
    public static func between(_ asked: Question, in earlier: Survey, and asking: Question, in later: Survey,
                               variable before: Variable, _ after: Variable) -> [QuestionDifference] {
        var found: [QuestionDifference] = []
        if before.type != after.type { found.append(.type(from: before.type.rawValue, to: after.type.rawValue)) }
        let row = { (question: Question, variable: Variable) -> LocalizedText? in
            guard case .matrixRow(let name) = variable.role else { return nil }
            return question.rows.first { $0.name == name }?.label
        }
        let labels = changedLanguages(asked.label, asking.label)
            + changedLanguages(row(asked, before), row(asking, after))
        if !labels.isEmpty { found.append(.label(languages: Array(Set(labels)).sorted())) }
        let hints = changedLanguages(asked.hint, asking.hint)
        if !hints.isEmpty { found.append(.hint(languages: hints)) }
        let choicesBefore = earlier.choices(for: asked), choicesAfter = later.choices(for: asking)
        let codesBefore = choicesBefore.map(\.value), codesAfter = choicesAfter.map(\.value)
        let renamed = CodeRename.pairs(
            removed: choicesBefore.filter { !codesAfter.contains($0.value) }, added: choicesAfter.filter { !codesBefore.contains($0.value) },
            sameLabel: { changedLanguages($0.label, $1.label).isEmpty })
        let added = codesAfter.filter { code in !codesBefore.contains(code) && !renamed.contains { $0.to == code } }
        let removed = codesBefore.filter { code in !codesAfter.contains(code) && !renamed.contains { $0.from == code } }
        if !added.isEmpty { found.append(.choicesAdded(added)) }
        if !removed.isEmpty { found.append(.choicesRemoved(removed)) }
        if !renamed.isEmpty { found.append(.choicesRenamed(renamed)) }
        let relabelled = choicesAfter.filter { choice in
            choicesBefore.first { $0.value == choice.value }.map { !changedLanguages($0.label, choice.label).isEmpty } ?? false
        }.map(\.value)
        if !relabelled.isEmpty { found.append(.choiceLabels(relabelled)) }
        if asked.constraint?.text != asking.constraint?.text {
            found.append(.constraint(from: asked.constraint?.text, to: asking.constraint?.text))
        }
        if asked.relevant?.text != asking.relevant?.text {
            found.append(.relevant(from: asked.relevant?.text, to: asking.relevant?.text))
        }
        if asked.calculation?.text != asking.calculation?.text {
            found.append(.calculation(from: asked.calculation?.text, to: asking.calculation?.text))
        }
        if asked.unit != asking.unit { found.append(.unit(from: asked.unit, to: asking.unit)) }
        if let pageBefore = earlier.page(asking: asked.name), let pageAfter = later.page(asking: asking.name),
           pageBefore.relevant?.text != pageAfter.relevant?.text {
            found.append(.page(from: PageCondition(page: pageBefore.id, relevant: pageBefore.relevant?.text),
                               to: PageCondition(page: pageAfter.id, relevant: pageAfter.relevant?.text)))
        }
        return found
    }

    /// The languages whose text differs between the two in its words (a text one has and the other
    /// lacks too); a typographic correction is no rewording (``wording(_:)``).
    private static func changedLanguages(_ first: LocalizedText?, _ second: LocalizedText?) -> [String] {
        let one = first?.translations ?? [:], other = second?.translations ?? [:]
        return Set(one.keys).union(other.keys).filter { one[$0].map(wording) != other[$0].map(wording) }.sorted()
    }

    /// A text as its words read, whatever its typography: spaces of every width as one space,
    /// dashes and the minus sign as a hyphen with no space around it, curly quotes as straight ones,
    /// letters in lower case. `Under 250 000 kr` with a no-break space, `1–5` for `1 – 5` and
    /// `”Vård”` for `"Vård"` then ask what they asked before.
    public static func wording(_ text: String) -> String {
        var folded = ""
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "\u{00A0}", "\u{202F}", "\u{2007}", "\u{2009}", "\u{200A}", "\t", "\n": folded.append(" ")
            case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}": folded.append("-")
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}": folded.append("\"")
            case "\u{2018}", "\u{2019}", "\u{201A}": folded.append("'")
            default: folded.unicodeScalars.append(scalar)
            }
        }
        return folded.split(separator: " ").joined(separator: " ")
            .replacingOccurrences(of: " -", with: "-").replacingOccurrences(of: "- ", with: "-")
    }

    /// The difference in words, Swedish for `sv`, else English; `code` sets an expression apart
    /// (in straight quotes unless told otherwise).
    public func text(_ language: String, code: (String) -> String = { "\"\($0)\"" }) -> String {
        let sv = language == "sv"
        func written(_ expression: String?) -> String { expression.map { code($0) } ?? (sv ? "ingen" : "none") }
        switch self {
        case .type(let from, let to):
            return sv ? "typen ändrad från \(from) till \(to)" : "type changed from \(from) to \(to)"
        case .label(let languages):
            return sv ? "frågetexten ändrad (\(languages.joined(separator: ", ")))" : "label reworded (\(languages.joined(separator: ", ")))"
        case .hint(let languages):
            return sv ? "hjälptexten ändrad (\(languages.joined(separator: ", ")))" : "hint reworded (\(languages.joined(separator: ", ")))"
        case .choicesAdded(let codes):
            return (sv ? "nya svarsalternativ: " : "choices added: ") + codes.joined(separator: ", ")
        case .choicesRemoved(let codes):
            return (sv ? "borttagna svarsalternativ: " : "choices removed: ") + codes.joined(separator: ", ")
        case .choiceLabels(let codes):
            return (sv ? "ändrad text för svarsalternativen " : "choice labels reworded for ") + codes.joined(separator: ", ")
        case .choicesRenamed(let renames):
            let pairs = renames.map { "\($0.from) → \($0.to)" }.joined(separator: ", ")
            return sv ? "nya koder för svarsalternativ med samma text: \(pairs)" : "choice codes renamed, their labels kept: \(pairs)"
        case .constraint(let from, let to):
            return sv ? "villkoret ändrat från \(written(from)) till \(written(to))" : "constraint changed from \(written(from)) to \(written(to))"
        case .relevant(let from, let to):
            return sv ? "när frågan ställs ändrat från \(written(from)) till \(written(to))" : "relevant (when it is asked) changed from \(written(from)) to \(written(to))"
        case .calculation(let from, let to):
            return sv ? "beräkningen ändrad från \(written(from)) till \(written(to))" : "calculation changed from \(written(from)) to \(written(to))"
        case .unit(let from, let to):
            return sv ? "enheten ändrad från \(from ?? "ingen") till \(to ?? "ingen")" : "unit changed from \(from ?? "none") to \(to ?? "none")"
        case .page(let from, let to) where from.page == to.page:
            return sv ? "villkoret för sidan \(to.page) ändrat från \(written(from.relevant)) till \(written(to.relevant))"
                      : "the condition of page \(to.page) changed from \(written(from.relevant)) to \(written(to.relevant))"
        case .page(let from, let to):
            return sv ? "flyttad från \(from.text(language, code: code)) till \(to.text(language, code: code))"
                      : "moved from \(from.text(language, code: code)) to \(to.text(language, code: code))"
        }
    }
}
