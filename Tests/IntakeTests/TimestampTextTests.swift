import Store
import Testing
@testable import Intake

/// The importer's fast reading of `submitted_at` gives exactly what `Timestamp(iso:)` gives.
@Suite struct TimestampTextTests {
    @Test(arguments: [
        "2025-10-12", "2025-10-12T09:30Z", "2025-10-12T09:30:00Z", "2025-10-12 09:30:59Z", "2025-10-12T09:30:00.1Z",
        "2025-10-12T09:30:00.123Z", "2025-10-12T09:30:00.999999Z", "2025-10-12T00:30:00+01:00", "2025-12-31T23:59:59.999-05:30",
        "1970-01-01T00:00:00.001Z", "2024-02-29T12:00:00.457Z",
    ])
    func agreesWithTheStore(text: String) {
        let fast = Array(text.utf8).withUnsafeBytes { TimestampText.timestamp($0) }
        #expect(fast != nil)
        #expect(fast == Timestamp(iso: text))
    }

    @Test(arguments: [
        "", "2025-13-01", "2025-02-30", "12/10/2025", "2025-10-12T", "2025-10-12T25:00Z", "2025-10-12T09:30", "2025-10-12T09:30:00",
        "2025-10-12T09:30:00.Z", "2025-10-12T09:30:00+0100", "2025-10-12T09:30:00Zx", "yesterday",
    ])
    func refusesWhatTheStoreRefuses(text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { TimestampText.timestamp($0) } == nil)
        #expect(Timestamp(iso: text) == nil)
    }
}
