import Aggregation
import Testing

struct SuppressionTests {
    @Test func largeCellsArePublished() {
        let decision = Suppression.decide(total: 60, groups: [20, 25, 15], threshold: 10)
        #expect(decision.total == nil)
        #expect(decision.groups == [nil, nil, nil])
    }

    @Test func oneSmallSiblingTakesTheSmallestPublishedSiblingWithIt() {
        // 4 alone could be recovered as 60 − 20 − 25 − 11; the 11 is withheld too.
        let decision = Suppression.decide(total: 60, groups: [20, 25, 4, 11], threshold: 10)
        #expect(decision.total == nil)
        #expect(decision.groups == [nil, nil, .belowThreshold, .secondary])
    }

    @Test func tiesGoToTheFirstGroup() {
        let decision = Suppression.decide(total: 50, groups: [12, 12, 3, 23], threshold: 10)
        #expect(decision.groups == [.secondary, nil, .belowThreshold, nil])
    }

    @Test func twoSmallSiblingsProtectEachOther() {
        let two = Suppression.decide(total: 60, groups: [45, 7, 8], threshold: 10)
        #expect(two.groups == [nil, .belowThreshold, .belowThreshold])
    }

    @Test func aZeroCellIsSmallToo() {
        let decision = Suppression.decide(total: 40, groups: [0, 15, 25], threshold: 5)
        #expect(decision.groups == [.belowThreshold, .secondary, nil])
    }

    @Test func anEmptyGroupDoesNotProtectASmallOne() {
        // The 0 is no secret (a topline shows it), so 33 − 30 − 0 would give the 3 away.
        let decision = Suppression.decide(total: 33, groups: [3, 0, 30], threshold: 10)
        #expect(decision.groups == [.belowThreshold, .belowThreshold, .secondary])
        let more = Suppression.decide(total: 73, groups: [3, 0, 30, 40], threshold: 10)
        #expect(more.groups == [.belowThreshold, .belowThreshold, .secondary, nil])
        // Two small groups with responses still protect each other.
        let two = Suppression.decide(total: 70, groups: [3, 0, 7, 60], threshold: 10)
        #expect(two.groups == [.belowThreshold, .belowThreshold, .belowThreshold, nil])
    }

    @Test func aSmallTotalSuppressesEverything() {
        let decision = Suppression.decide(total: 7, groups: [4, 3], threshold: 10)
        #expect(decision.total == .belowThreshold)
        #expect(decision.groups == [.belowThreshold, .belowThreshold])
    }

    @Test func theThresholdItselfIsPublished() {
        let decision = Suppression.decide(total: 20, groups: [10, 10], threshold: 10)
        #expect(decision.groups == [nil, nil])
    }
}
