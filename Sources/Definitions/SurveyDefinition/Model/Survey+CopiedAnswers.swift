import Expressions

/// The answers that a partner export leaves out, followed through the calculations that copy them.
extension Survey {
    /// The variables that hold personal data, each with the `pii` variable it holds: the variables
    /// of questions marked `pii` (each its own source), and every calculation that uses one, directly
    /// or through another calculation (`concat('<', ${email}, '>')` is as personal as the address).
    public var personalDataSources: [String: String] {
        let personal = questions.filter(\.isPII).flatMap { [$0.name] + $0.variables.map(\.name) }
        return copies(of: personal)
    }

    /// The variables that hold free text, each with the free-text answer it holds: those that are
    /// free text themselves (``Variable/isFreeText``), and every text calculation that uses one,
    /// directly or through another (`concat('Story: ', ${story})` copies whatever the respondent
    /// wrote). A calculation of another type (`string-length(${story})`) cannot carry the words.
    public var freeTextSources: [String: String] {
        copies(of: variables.filter(\.isFreeText).map(\.name)) { ($0.calculationType ?? .text) == .text }
    }

    /// `sources` (each its own source) and every calculation that `admits` and that uses one of them,
    /// directly or through other such calculations, each with the source it reaches back to (the
    /// first found, breadth first). Each name is visited once, so a cycle of calculations ends the walk.
    private func copies(of sources: [String], admits: (Question) -> Bool = { _ in true }) -> [String: String] {
        var users: [String: [String]] = [:]
        for question in questions where question.type == .calculate && admits(question) {
            guard let formula = question.calculation, case .success(let parsed) = ParsedExpression.parse(formula.text) else { continue }
            for name in Set(parsed.referencedNames) { users[name, default: []].append(question.name) }
        }
        var reached: [String: String] = [:]
        var queue: [String] = []
        for source in sources where reached[source] == nil {
            reached[source] = source
            queue.append(source)
        }
        var head = 0
        while head < queue.count {
            let name = queue[head]
            head += 1
            for user in users[name] ?? [] where reached[user] == nil {
                reached[user] = reached[name]
                queue.append(user)
            }
        }
        return reached
    }
}
