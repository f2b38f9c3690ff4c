import Aggregation
import Expressions
import Frameworks
import Store

/// Everything a report shows, gathered before any HTML is written.
struct ReportContent: Sendable {
    let definition: ReportDefinition
    let framework: Framework
    /// The framework's results over the report's rounds; nil when no section needs them.
    let results: ResultSet?
    /// Per topline round: its tally and the cleaning log it was drawn from.
    let toplines: [String: (topline: Topline, cleaning: CleaningLog?)]
    /// Survey rounds of the report without data in the database.
    let roundsWithoutData: [String]
    /// The response rate of each of the report's rounds the database has, in the framework's order.
    let responseRates: [(round: String, rate: ResponseRate)]
    /// Per round of the report: the ids of its responses that declined in the form (the survey's
    /// `refusal`), which the cleaning log names among those its rules removed.
    let declinedInForm: [String: Set<Int64>]
    let producedOn: CalendarDate
    let samlaVersion: String
}
