import Expressions
import SurveyDefinition

/// The choice codes one definition of a survey renamed from another, keeping their labels
/// (``CodeRename``): a breakdown's group follows its choice across the rename, and an indicator
/// that compares with one of the two codes says why it is not computed for the rounds of the other.
enum RenamedCodes {
    /// By variable, the earlier code of each code `later` renamed from `earlier`.
    static func earlierCodes(from earlier: Survey, to later: Survey) -> [String: [String: String]] {
        guard earlier != later else { return [:] }
        var found: [String: [String: String]] = [:]
        for (variable, differences) in DefinitionChanges(from: earlier, to: later).changed {
            for case .choicesRenamed(let renames) in differences {
                for rename in renames { found[variable, default: [:]][rename.to] = rename.from }
            }
        }
        return found
    }

    /// The rename between `survey` and another of `versions` that gives `unknown.code` (which
    /// `survey`'s list lacks) another code in `survey`, with the version that has `unknown.code`.
    static func rename(of unknown: UnknownCode, in survey: Survey, among versions: [Survey]) -> (rename: CodeRename, survey: Survey)? {
        for other in versions where other.id == survey.id && other != survey {
            let pairs = [DefinitionChanges(from: survey, to: other), DefinitionChanges(from: other, to: survey)]
            for changes in pairs {
                for differences in changes.changed.values {
                    for case .choicesRenamed(let renames) in differences {
                        if let rename = renames.first(where: { ($0.from == unknown.code || $0.to == unknown.code) && unknown.codes.contains($0.from == unknown.code ? $0.to : $0.from) }) {
                            return (rename, other)
                        }
                    }
                }
            }
        }
        return nil
    }
}
