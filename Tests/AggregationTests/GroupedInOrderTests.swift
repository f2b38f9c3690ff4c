import Testing
@testable import Aggregation

@Suite struct GroupedInOrderTests {
    @Test func groupsComeInTheOrderTheirKeysFirstOccurAndNilKeysAreLeftOut() {
        let cells = [("2025 Totalt", "share-at-one"), ("2025 AB", nil), ("2027 Totalt", "ratio-at-zero"), ("2027 AB", "share-at-one")]
        let groups = cells.groupedInOrder(by: \.1)
        #expect(groups.map(\.key) == ["share-at-one", "ratio-at-zero"])
        #expect(groups.map { $0.elements.map(\.0) } == [["2025 Totalt", "2027 AB"], ["2027 Totalt"]])
        #expect([Int]().groupedInOrder(by: { $0 }).isEmpty)
    }
}
