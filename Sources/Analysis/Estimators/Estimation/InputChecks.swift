/// Checks shared by every estimator: the level, the domain, and the values inside it.
enum InputChecks {
    static func level(_ level: Double) throws(EstimationError) {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
    }

    /// The domain's membership flags, after checking that every member's value is finite
    /// (and 0 or 1 when `binary`). Values outside the domain are not looked at.
    static func domain(
        _ domain: Domain, values: [Double], input: String = "values", binary: Bool = false, expected: Int? = nil
    ) throws(EstimationError) -> [Bool] {
        if let expected, values.count != expected {
            throw .lengthMismatch(input: input, expected: expected, actual: values.count)
        }
        let members = try domain.membership(count: values.count)
        for (index, value) in values.enumerated() where members[index] {
            guard value.isFinite else { throw .notFinite(input: input, index: index, value: value) }
            if binary, value != 0, value != 1 { throw .notZeroOrOne(input: input, index: index, value: value) }
        }
        guard members.contains(true) else { throw .emptyDomain }
        return members
    }

    /// The members' values, in order.
    static func members(of values: [Double], _ members: [Bool]) -> [Double] {
        var result: [Double] = []
        for (index, value) in values.enumerated() where members[index] { result.append(value) }
        return result
    }
}
