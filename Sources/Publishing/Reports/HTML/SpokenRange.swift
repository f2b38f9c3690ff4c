import Aggregation
import HTML

/// A range shown with its en dash and heard with a word: `25,8–37,4` on the screen and on paper,
/// "25,8 till 37,4" / "25.8 to 37.4" to a screen reader, which read the dash as "dash" or ran the
/// numbers together. The dash is hidden from the accessibility tree, the word from sight and from a
/// copied selection (`.visually-hidden`).
struct SpokenRange {
    let low: String
    let high: String
    let numbers: NumberStyle

    func render(into html: inout HTMLBuilder) {
        html.text(low)
        html.element("span", .init("aria-hidden", "true"), text: "\u{2013}")
        html.element("span", .init("class", "visually-hidden"), text: numbers.spanWord)
        html.text(high)
    }
}
