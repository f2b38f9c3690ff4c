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

    @Test func twoSmallSiblingsTakeTheSmallestPublishedWithThem() {
        // Each is 1 to 9, so a withheld sum of 2 or 18 would give both away; withholding one more
        // only then would tell a reader that it had, so one more is always withheld.
        let two = Suppression.decide(total: 70, groups: [45, 7, 8, 10], threshold: 10)
        #expect(two.groups == [nil, .belowThreshold, .belowThreshold, .secondary])
        let ones = Suppression.decide(total: 47, groups: [1, 1, 45], threshold: 10)
        #expect(ones.groups == [.belowThreshold, .belowThreshold, .secondary])
    }

    @Test func anEmptyCellIsWithheldButNeedsNoProtection() {
        // Its 0 is no secret: 40 − 15 − 25 tells a reader nothing a topline does not show.
        let decision = Suppression.decide(total: 40, groups: [0, 15, 25], threshold: 5)
        #expect(decision.groups == [.belowThreshold, nil, nil])
    }

    @Test func anEmptyGroupDoesNotProtectASmallOne() {
        // The 0 is no secret (a topline shows it), so 33 − 30 − 0 would give the 3 away.
        let decision = Suppression.decide(total: 33, groups: [3, 0, 30], threshold: 10)
        #expect(decision.groups == [.belowThreshold, .belowThreshold, .secondary])
        let more = Suppression.decide(total: 73, groups: [3, 0, 30, 40], threshold: 10)
        #expect(more.groups == [.belowThreshold, .belowThreshold, .secondary, nil])
        // Two small groups with responses take one more with them.
        let two = Suppression.decide(total: 90, groups: [3, 0, 7, 60, 20], threshold: 10)
        #expect(two.groups == [.belowThreshold, .belowThreshold, .belowThreshold, nil, .secondary])
    }

    @Test func aSecondaryCellAsLargeAsTheNextPublishedOneTakesThatOneToo() {
        // With the first 10 alone withheld, a reader knows it is at least 10 (not small) and at most
        // the other 10 (the rule takes the smallest): 13 − 10 gave the 3 away.
        let decision = Suppression.decide(total: 73, groups: [3, 10, 10, 50], threshold: 10)
        #expect(decision.groups == [.belowThreshold, .secondary, .secondary, nil])
    }

    @Test func smallGroupsAtTheTopBesideATieTakeTheTieWithThem() {
        // 9 and 9 beside the first 40: a reader knows the 40 is 10 to 40 (the next published), so
        // the small ones sum to at least 18 and are each 9. The other 40 goes too.
        let decision = Suppression.decide(total: 158, groups: [9, 9, 40, 40, 60], threshold: 10)
        #expect(decision.groups == [.belowThreshold, .belowThreshold, .secondary, .secondary, nil])
        // With room below the next published group, one is enough.
        let room = Suppression.decide(total: 117, groups: [9, 8, 40, 60], threshold: 10)
        #expect(room.groups == [.belowThreshold, .belowThreshold, .secondary, nil])
    }

    @Test func countsThatShowTheirZerosAlwaysTakeOneMoreWithThem() {
        // A topline shows 0, so five withheld counts of 1 to 4 that sum to 5 are each 1.
        let ones = Suppression.withhold([1, 1, 1, 1, 1, 30, 40], threshold: 5, zerosShown: true)
        #expect(ones == [.belowThreshold, .belowThreshold, .belowThreshold, .belowThreshold, .belowThreshold, .secondary, nil])
        // A 1 beside a withheld 5: the 5 is at least 5, so the sum of 6 left the 1 exact; the 30 goes too.
        let atThreshold = Suppression.withhold([1, 5, 30], threshold: 5, zerosShown: true)
        #expect(atThreshold == [.belowThreshold, .secondary, .secondary])
        // A 4 beside a withheld 5 while another 5 is shown: the withheld one is 5 to 5, so 9 − 5 gave the 4 away.
        let tie = Suppression.withhold([4, 5, 5, 20], threshold: 5, zerosShown: true)
        #expect(tie == [.belowThreshold, .secondary, .secondary, nil])
        // Zeros are shown and never withheld beside a small count.
        let zero = Suppression.withhold([20, 17, 3, 0], threshold: 5, zerosShown: true)
        #expect(zero == [nil, .secondary, .belowThreshold, nil])
    }

    @Test func anotherOutputsThresholdCountsAsWhatAReaderKnows() {
        // A topline (counts from 5) beside a share by the same question (bases from 10): the share
        // withholds the 10 beside the 1s and so says it is at least 10, which made the topline's
        // withheld 12 two 1s and a 10. Counting on that, the topline withholds the 28 too.
        let counts = [28, 10, 1, 1, 0]
        #expect(Suppression.withhold(counts, threshold: 5, zerosShown: true)
                == [nil, .secondary, .belowThreshold, .belowThreshold, nil])
        #expect(Suppression.withhold(counts, threshold: 5, zerosShown: true, otherThresholds: [10])
                == [.secondary, .secondary, .belowThreshold, .belowThreshold, nil])
        // A 9 withheld beside a 4 is "< 10" in the share, so 13 − 9 gave the 4 away.
        #expect(Suppression.withhold([4, 9, 40], threshold: 5, zerosShown: true) == [.belowThreshold, .secondary, nil])
        #expect(Suppression.withhold([4, 9, 40], threshold: 5, zerosShown: true, otherThresholds: [10])
                == [.belowThreshold, .secondary, .secondary])
    }

    @Test func choicesThatCoverThoseWhoAnsweredAreWithheldUntilNoneIsExact() {
        // 34 answered a multiple choice and chose 4, 5, 5 and 20 times: the shown 30 left the 4 at
        // least 4. With one 5 withheld beside it (5 to 5, the other 5 being shown) it still was;
        // with both (each at most the 20) it may be anything from 1 to 4.
        let counts = Suppression.withhold([4, 5, 5, 20], threshold: 5, zerosShown: true, sum: .atLeast(34))
        #expect(counts == [.belowThreshold, .secondary, .secondary, nil])
        // Shown counts that already cover those who answered leave nothing to work out.
        let covered = Suppression.withhold([4, 5, 5, 20], threshold: 5, zerosShown: true, sum: .atLeast(30))
        #expect(covered == [.belowThreshold, nil, nil, nil])
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
