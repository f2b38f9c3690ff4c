/// Which observations an estimate is about: a subgroup of the sample (a domain, such as one region).
///
/// Observations outside the domain are ignored, so their values may be NaN (e.g. missing answers).
/// With a design, they still shape the variance, as in R's `svyby`.
public enum Domain: Sendable, Hashable {
    case all
    /// One flag per observation.
    case mask([Bool])
    /// 0-based positions of the members, each listed once.
    case indices([Int])

    /// The membership flags for `count` observations.
    func membership(count: Int) throws(EstimationError) -> [Bool] {
        switch self {
        case .all:
            return Array(repeating: true, count: count)
        case .mask(let flags):
            guard flags.count == count else {
                throw .lengthMismatch(input: "domain mask", expected: count, actual: flags.count)
            }
            return flags
        case .indices(let positions):
            var flags = Array(repeating: false, count: count)
            for index in positions {
                guard index >= 0, index < count else { throw .domainIndexOutOfRange(index: index, count: count) }
                guard !flags[index] else { throw .duplicateDomainIndex(index) }
                flags[index] = true
            }
            return flags
        }
    }
}
