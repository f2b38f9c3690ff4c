import Expressions

/// The variables that decide a proportion's numerator: those whose being unanswered can leave it
/// unknown. A variable does not decide where the numerator itself says what an empty answer
/// means: in the first argument of `coalesce()` (`coalesce(${x}, 0)`), in a test for an answer
/// (`${x} = ''`, `${x} != ''`), and in `count-selected()` and `string-length()`, which count an
/// empty answer as 0. These are the places where `CompiledExpression.knownTruth` reads an empty
/// answer as empty rather than unknown, so a response that answered every deciding variable has a
/// known numerator, evaluated as usual; one that did not is missing when `knownTruth` is nil (the
/// answers given do not decide it). A numerator with no deciding variable is never missing.
enum MissingRule {
    static func decidingNames(of text: String) -> [String] {
        guard case .success(let parsed) = ParsedExpression.parse(text) else { return [] }
        var names: [String] = []
        collect(parsed.root, into: &names)
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    private static func collect(_ node: SyntaxNode, into names: inout [String]) {
        switch node.kind {
        case .reference(let name):
            names.append(name)
        case .negate(let operand):
            collect(operand, into: &names)
        case .binary(let op, let left, let right):
            if op.isEquality, isEmptyText(left) || isEmptyText(right) { return }
            collect(left, into: &names)
            collect(right, into: &names)
        case .call(let function, let arguments):
            if function == "count-selected" || function == "string-length" { return }
            for (position, argument) in arguments.enumerated() where !(function == "coalesce" && position == 0) {
                collect(argument, into: &names)
            }
        case .number, .string, .currentValue, .attribute:
            break
        }
    }

    /// Whether `node` is the literal `''`.
    private static func isEmptyText(_ node: SyntaxNode) -> Bool {
        if case .string(let text) = node.kind { return text.isEmpty }
        return false
    }
}
