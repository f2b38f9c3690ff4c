import Testing
@testable import Exports

/// The suppression algorithm on hand-made tables of value ids (0 = empty), where it is known
/// which rows are in combinations shared by fewer than k rows.
@Suite struct LocalSuppressionTests {
    /// Every row shares its combination with at least k - 1 others, or has every value blank.
    private func combinations(after suppression: LocalSuppression, of values: [[UInt32]]) -> [[UInt32]: Int] {
        var counts: [[UInt32]: Int] = [:]
        for (row, combination) in values.enumerated() {
            var published = combination
            for variable in suppression.blanked[row] { published[variable] = 0 }
            counts[published, default: 0] += 1
        }
        return counts
    }

    @Test func aRowThatOneBlankPutsIntoASafeCombinationLosesOnlyThatValue() {
        // Variable 0 has three distinct values, variable 1 two: 0 ranks first. The last row is
        // unique; blanking variable 1 puts it among the three rows [1, empty], so that one blank is chosen.
        let values: [[UInt32]] = [[1, 0], [1, 0], [1, 0], [2, 5], [2, 5], [2, 5], [3, 5], [3, 5], [3, 5], [1, 6]]
        let suppression = LocalSuppression(values: values, variableCount: 2, k: 3)
        #expect(suppression.rank == [0, 1])
        #expect(suppression.blanked == Array(repeating: [], count: 9) + [[1]])
        #expect(suppression.suppressedPerVariable == [0, 1])
        #expect(suppression.rowsSuppressed == 1)
        #expect(suppression.rowsBelowKAllBlank == 0)
    }

    @Test func otherwiseTheVariableWithTheMostDistinctValuesIsBlankedFirst() {
        // Variable 1 has four distinct values, variable 0 two. Rows 3 and 4 share [2, 7] (2 < k),
        // row 5 is alone in [2, 8]; no single blank puts them with three others, so variable 1,
        // ranked first, is blanked, and the three meet in [2, empty].
        let values: [[UInt32]] = [[1, 5], [1, 5], [1, 5], [2, 7], [2, 7], [2, 8], [1, 6], [1, 6], [1, 6]]
        let suppression = LocalSuppression(values: values, variableCount: 2, k: 3)
        #expect(suppression.rank == [1, 0])
        #expect(suppression.blanked == [[], [], [], [1], [1], [1], [], [], []])
        #expect(suppression.suppressedPerVariable == [0, 3])
        #expect(suppression.valuesSuppressed == 3)
        #expect(combinations(after: suppression, of: values) == [[1, 5]: 3, [2, 0]: 3, [1, 6]: 3])
    }

    /// Variable 1 has more distinct values and is blanked first: the single row [1, 7] joins the
    /// three [1, empty]. Named to be blanked last (what the partner most needs), it is kept, and the
    /// row joins the three [empty, 7] instead.
    @Test func aVariableNamedToBeSuppressedLastIsKeptWhereAnotherBlankWillDo() {
        let values: [[UInt32]] = [[1, 5], [1, 5], [1, 5], [1, 0], [1, 0], [1, 0], [0, 7], [0, 7], [0, 7], [1, 7]]
        let byDistinctValues = LocalSuppression(values: values, variableCount: 2, k: 3)
        #expect(byDistinctValues.rank == [1, 0])
        #expect(byDistinctValues.blanked == Array(repeating: [], count: 9) + [[1]])
        let keepingVariable1 = LocalSuppression(values: values, variableCount: 2, k: 3, suppressLast: [1])
        #expect(keepingVariable1.rank == [0, 1])
        #expect(keepingVariable1.blanked == Array(repeating: [], count: 9) + [[0]])
        #expect(keepingVariable1.suppressedPerVariable == [1, 0])
    }

    /// Several named: the first named is the most important, blanked very last.
    @Test func theFirstNamedIsBlankedLast() {
        let values: [[UInt32]] = [[1, 1, 1], [2, 2, 1], [3, 3, 2], [4, 1, 2]]
        #expect(LocalSuppression(values: values, variableCount: 3, k: 2).rank == [0, 1, 2])
        #expect(LocalSuppression(values: values, variableCount: 3, k: 2, suppressLast: [0, 1]).rank == [2, 1, 0])
    }

    /// An empty value is a value of its own: [1, empty] is not [1, 5].
    @Test func anEmptyValueMatchesOnlyAnEmptyValue() {
        let values: [[UInt32]] = [[1, 5], [1, 5], [1, 0]]
        let suppression = LocalSuppression(values: values, variableCount: 2, k: 3)
        #expect(suppression.rowsSuppressed == 3)
        #expect(combinations(after: suppression, of: values) == [[0, 0]: 3])
    }

    @Test func rowsLeftWithEveryValueBlankAreCountedWhenTheyAreFewerThanK() {
        let suppression = LocalSuppression(values: [[1, 4], [2, 5]], variableCount: 2, k: 3)
        #expect(suppression.blanked == [[0, 1], [0, 1]])
        #expect(suppression.rowsBelowKAllBlank == 2)
    }

    @Test func kOfOneBlanksNothing() {
        let values: [[UInt32]] = [[1, 4], [2, 5], [3, 6]]
        let suppression = LocalSuppression(values: values, variableCount: 2, k: 1)
        #expect(suppression.blanked == [[], [], []])
        #expect(suppression.valuesSuppressed == 0)
    }

    /// The result depends on the rows, not on their order: a row is blanked alike in any order.
    @Test func theOrderOfTheRowsChangesNothing() {
        let values: [[UInt32]] = (0..<300).map { (i: Int) -> [UInt32] in
            let second: Int = (i * i + 3 * i) % 31
            return [UInt32(i * 7 % 4), UInt32(second), UInt32(i * 5 % 6)]
        }
        let forward = LocalSuppression(values: values, variableCount: 3, k: 3)
        // 97 and 300 have no common divisor, so this visits every row once, in a scrambled order.
        let order = (0..<values.count).map { $0 * 97 % values.count }
        let scrambled = LocalSuppression(values: order.map { values[$0] }, variableCount: 3, k: 3)
        for (position, row) in order.enumerated() {
            #expect(scrambled.blanked[position] == forward.blanked[row])
        }
        #expect(forward.valuesSuppressed > 0)
        for (combination, count) in combinations(after: forward, of: values) where count < 3 {
            #expect(combination == [0, 0, 0])
        }
    }
}
