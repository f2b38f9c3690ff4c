@testable import Aggregation
import Testing

/// Why a figure has no interval, in the percent style of each language.
struct NoIntervalReasonTests {
    /// English writes a percentage with no space before its sign (`100%`), as the rest of the
    /// English output does; Swedish keeps its space (`100 %`).
    @Test func englishPercentagesHaveNoSpaceBeforeTheSign() {
        for reason in NoIntervalReason.all {
            #expect(!reason.text("en").contains(" %"), "\(reason.code): \(reason.text("en"))")
        }
        #expect(NoIntervalReason.estimator(.shareAtOne).text("en").contains("the share is 1 (100%)"))
        #expect(NoIntervalReason.estimator(.proportionAtBoundary).text("en").contains("(0 or 100%)"))
        #expect(NoIntervalReason.estimator(.shareAtOne).text("sv").contains("andelen är 1 (100 %)"))
    }
}
