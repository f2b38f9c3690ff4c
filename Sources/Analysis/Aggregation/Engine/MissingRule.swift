import Expressions

/// When a proportion's numerator counts as missing: when every variable it refers to is
/// unanswered. A variable read only through the first argument of `coalesce()` does not count,
/// since `coalesce(${x}, 0)` says what an empty answer means. A numerator that refers to no
/// such variable is never missing.
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
        case .binary(_, let left, let right):
            collect(left, into: &names)
            collect(right, into: &names)
        case .call(let function, let arguments):
            for (position, argument) in arguments.enumerated() where !(function == "coalesce" && position == 0) {
                collect(argument, into: &names)
            }
        case .number, .string, .currentValue, .attribute:
            break
        }
    }
}
