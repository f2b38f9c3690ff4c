import Aggregation
import Frameworks

/// Where one indicator stands at the latest round of the report: its latest published total,
/// the target ahead of it, its status, or why it has none.
struct IndicatorSnapshot {
    enum Standing {
        case status(TargetStatus)
        case noTarget
        case assessedLater
        case tooFew
        /// The latest total has enough responses but no estimate, for this reason.
        case noEstimate(NoEstimateReason)
        /// None of the report's rounds is on the indicator's time line.
        case notInReport
        case noData
    }

    let indicator: Indicator
    /// The latest published total row.
    let latest: ResultRow?
    let latestCell: PublishedCell?
    /// The round the snapshot speaks of: that of the latest published total, else of the latest
    /// total withheld or without an estimate, so that "too few responses" says of which round.
    let round: String?
    /// The target for that round (or the next round that has one), with that round.
    let target: (round: String, value: Double)?
    let standing: Standing

    var status: TargetStatus? {
        if case .status(let status) = standing { return status }
        return nil
    }

    /// `reportRounds` is nil for a report of every round.
    init(indicator: Indicator, rows: [ResultRow], framework: Framework, reportRounds: Set<String>?) {
        self.indicator = indicator
        let totals = rows.filter { $0.indicator == indicator.id && $0.group.isTotal }
        let published = totals.last { $0.outcome.published != nil }
        latest = published
        latestCell = published?.outcome.published
        round = (published ?? totals.last)?.round
        let position = round.flatMap { framework.position(ofRound: $0) } ?? (framework.rounds.count - 1)
        target = indicator.targets
            .compactMap { value in framework.position(ofRound: value.round).map { (at: $0, value: value) } }
            .filter { $0.at >= position }
            .min { $0.at < $1.at }
            .map { (round: $0.value.round, value: $0.value.value) }
        if let status = published?.status {
            standing = .status(status)
        } else if published != nil {
            standing = indicator.targets.isEmpty ? .noTarget : .assessedLater
        } else if totals.contains(where: { $0.outcome.isSuppressed }) {
            standing = .tooFew
        } else if case .unavailable(let why) = totals.last?.outcome {
            standing = .noEstimate(why)
        } else if let reportRounds, !framework.timeLine(of: indicator).contains(where: reportRounds.contains) {
            standing = .notInReport
        } else {
            standing = .noData
        }
    }

    /// Why there is no status, when there is none.
    func reason(_ words: ReportWords) -> String? {
        switch standing {
        case .status: nil
        case .noTarget: words.noTarget
        case .assessedLater: words.assessedLater
        case .tooFew: words.tooFew
        case .noEstimate(let why): words.noEstimate(why.text(words.language))
        case .notInReport: words.notInReport
        case .noData: words.noData
        }
    }

    func standingText(_ words: ReportWords) -> String {
        switch standing {
        case .status(let status): words.status(status)
        case .noTarget: words.status(nil) + " (" + words.noTarget + ")"
        case .assessedLater: words.status(nil) + " (" + words.assessedLater + ")"
        case .tooFew: words.status(nil) + " (" + words.tooFew + ")"
        case .noEstimate(let why): words.status(nil) + " (" + words.noEstimate(why.text(words.language)) + ")"
        case .notInReport: words.status(nil) + " (" + words.notInReport + ")"
        case .noData: words.status(nil) + " (" + words.noData + ")"
        }
    }
}
