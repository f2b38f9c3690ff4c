/// Numbers written into SVG attributes (coordinates, lengths).
public enum SVGNumber {
    /// `value` with at most one decimal and no trailing `.0`: `12.5`, `40`, `-3`. A value that is
    /// not finite (a chart drawn from no data) is written as `0`, which every SVG reader accepts.
    public static func text(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        guard rounded.isFinite, abs(rounded) < 1e15 else { return "0" }
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
