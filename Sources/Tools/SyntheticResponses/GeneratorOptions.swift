import Expressions
import Foundation

/// What a generator makes: how many of each kind of response, over which period.
public struct GeneratorOptions: Sendable {
    public var seed: UInt64
    /// The share of each variant other than `regular` (which takes the rest), e.g.
    /// `[.incomplete: 0.08, .duplicate: 0.02]` for a demo that shows the cleaning rules at work.
    public var variantShares: [ResponseVariant: Double]
    /// Submission times are spread uniformly over these days, local days of `timeZone` as a round's
    /// opening and closing days are.
    public var period: ClosedRange<CalendarDate>
    /// Where the days of `period` begin and end: the system's zone, which the store reads a round's days in.
    public var timeZone: TimeZone

    public init(
        seed: UInt64 = 1, variantShares: [ResponseVariant: Double] = [:],
        period: ClosedRange<CalendarDate> = CalendarDate(year: 2025, month: 10, day: 1)!...CalendarDate(year: 2026, month: 1, day: 31)!,
        timeZone: TimeZone = .current
    ) {
        self.seed = seed
        self.variantShares = variantShares
        self.period = period
        self.timeZone = timeZone
    }

    /// The shares a demo uses: a few of every kind that ESEM's cleaning removes.
    public static func demo(seed: UInt64 = 1) -> GeneratorOptions {
        GeneratorOptions(seed: seed, variantShares: [.incomplete: 0.08, .duplicate: 0.03, .test: 0.02, .ineligible: 0.06])
    }
}

/// The facts of a generated response besides its answers.
public struct GeneratedResponseInfo: Hashable, Sendable {
    public var language: String
    /// UTC, ISO 8601 to the second: `2025-10-12T09:31:05Z`.
    public var submittedAt: String
    public var variant: ResponseVariant
    /// False for an `incomplete` response, which stops part-way and is partial.
    public var isComplete: Bool
    /// For an incomplete response: the index of the last page it answered.
    public var lastPage: Int?
}
