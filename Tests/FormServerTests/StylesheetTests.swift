import Testing
@testable import FormServer

/// What the form's stylesheet promises a reader with low vision that the HTML alone cannot.
@Suite struct StylesheetTests {
    let css = Stylesheet.css

    /// Tabbing through a date field reaches its calendar button last, and the field then lost its
    /// focus outline (the field is then neither `:focus` nor `:focus-visible`, only `:focus-within`), leaving Chromium's
    /// thin frame around the small icon: the field shows the page's focus outline while focus is
    /// anywhere in it.
    @Test func aDateFieldShowsTheFocusOutlineWhileItsCalendarButtonHasFocus() throws {
        let focusVisible = try #require(declarations(of: ":focus-visible", in: css[...]))
        let dateFocus = try #require(declarations(of: "input[type=date]:focus-within", in: css[...]), "the stylesheet has no rule for a focused date field")
        #expect(dateFocus == focusVisible)
        #expect(focusVisible["outline"] == "3px solid #1b1b1b")
    }

    /// With WCAG 1.4.12's text spacing (letters 0.12em apart) at 320 px, a choice's long word
    /// ("vinstutdelningsbegränsning") no longer fit its line and pushed the page 18 px wider than the
    /// screen: a flex item is as wide as its longest word unless it may shrink and break anywhere.
    @Test func aChoicesLabelBreaksALongWordRatherThanWideningThePage() throws {
        let label = try #require(declarations(of: ".choice label", in: css[...]))
        #expect(label["min-width"] == "0")
        #expect(label["overflow-wrap"] == "anywhere")
    }
}
