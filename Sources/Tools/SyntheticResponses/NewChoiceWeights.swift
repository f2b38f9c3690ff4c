import SurveyDefinition

extension Array where Element == Weighted {
    /// The weights of the `offered` codes, in the profile's order, followed by the codes the profile
    /// does not know (a choice added to the definition after the profile was written, or a code
    /// renamed): these share the weight of the profile's codes no longer offered, or else each gets
    /// the smallest weight, so that a next year's definition draws its new choices too. The
    /// question's `other`, and the codes of `drawnApart` (a multiple choice's exclusive ones), are
    /// left to the profile.
    func covering(_ offered: [String], drawnApart: [Weighted] = []) -> [Weighted] {
        let usable = filter { offered.contains($0.code) && $0.weight > 0 }
        let known = Set((self + drawnApart).map(\.code))
        let new = offered.filter { !known.contains($0) && $0 != Choice.otherValue }
        guard !new.isEmpty, let smallest = usable.map(\.weight).min() else { return usable }
        let left = filter { !offered.contains($0.code) }.map(\.weight).reduce(0, +)
        let each = left > 0 ? left / Double(new.count) : smallest
        return usable + new.map { Weighted($0, each) }
    }
}
