import Diagnostics
import Testing

@Test("counts are grouped in threes by commas", arguments: [
    (0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (65_536, "65,536"), (1_234_567, "1,234,567"), (100_000_000, "100,000,000"),
])
func countsAreGroupedInThrees(_ count: Int, _ text: String) {
    #expect(GroupedCount.text(count) == text)
}
