@testable import Aggregation
import Testing

/// Why a figure has no interval, in the percent style of each language.
struct NoIntervalReasonTests {
    /// English writes a percentage with no space before its sign (`100%`), as the rest of the
    /// English output does; Swedish writes a no-break space before it (`100 %`, U+00A0), so
    /// that a note in a report or on a page never breaks the sign from its number.
    @Test func englishPercentagesHaveNoSpaceBeforeTheSign() {
        for reason in NoIntervalReason.all {
            #expect(!reason.text("en").contains(" %"), "\(reason.code): \(reason.text("en"))")
        }
        #expect(NoIntervalReason.estimator(.shareAtOne).text("en").contains("the share is 1 (100%)"))
        #expect(NoIntervalReason.estimator(.proportionAtBoundary).text("en").contains("(0 or 100%)"))
        #expect(NoIntervalReason.estimator(.shareAtOne).text("sv").contains("andelen är 1 (100\u{00A0}%)"))
        #expect(NoIntervalReason.estimator(.proportionAtBoundary).text("sv").contains("(0 eller 100\u{00A0}%)"))
        for reason in NoIntervalReason.all {
            #expect(!reason.text("sv").contains(" %"), "\(reason.code): \(reason.text("sv"))")
        }
    }
}
