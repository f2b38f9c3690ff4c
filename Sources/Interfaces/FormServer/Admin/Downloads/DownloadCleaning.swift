import Exports
import Store

/// Which loaded framework cleans a round's downloads, and the export options that follow: for the
/// Euclid package of a round a framework declares, its cleaning and results, the same package
/// `samla export --profile euclid --framework FILE` writes; every other download as it is.
struct DownloadCleaning: Sendable {
    /// In the order `samla serve --framework` was given them.
    let frameworks: [ExportFramework]

    /// The framework whose rules clean `round`'s package: the first that declares the round.
    func framework(forRound round: String) -> ExportFramework? {
        frameworks.first { $0.covers(round: round) }
    }

    /// The options `download` of `round` is exported with. For a cleaned package this computes the
    /// framework's indicators over the round (blocking; throws `AggregationError` when the round
    /// does not fit the framework).
    func options(_ download: AdminDownload, round: String, language: String?, forExcel: Bool = false, store: any Store) throws -> ExportOptions {
        let options = download.options(language: language, forExcel: forExcel)
        guard download.isCleaned, let framework = framework(forRound: round) else { return options }
        return try framework.apply(to: options, round: round, store: store)
    }
}
