extension Framework {
    /// Every threshold a cell is withheld under in the framework's outputs: `min_cell` (a topline's
    /// counts, and counts, means and medians), `min_base` (shares) and each indicator's own. Where
    /// two outputs withhold the same cells under different thresholds, a reader learns between
    /// which of them each lies; secondary suppression counts on that.
    public var suppressionThresholds: Set<Int> {
        Set(indicators.map { $0.threshold(defaults: suppression) }).union([suppression.minCell, suppression.minBase])
    }
}
