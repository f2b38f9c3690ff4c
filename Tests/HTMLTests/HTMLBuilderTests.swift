import HTML
import Testing

/// The shared HTML builder: every string that goes in is escaped, only literals are trusted.
struct HTMLBuilderTests {
    @Test func textAndAttributeValuesAreEscaped() {
        var html = HTMLBuilder()
        html.element("p", .init("title", #"a"b'c<d>&"#)) { html in
            html.text("<script>alert('x') & \"y\"</script>")
        }
        #expect(html.output == #"<p title="a&quot;b&#39;c&lt;d&gt;&amp;">&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;</p>"#)
        #expect(HTMLBuilder.escaped("Åsa & Örjan: 3 < 4 — ”citat” 🍰") == "Åsa &amp; Örjan: 3 &lt; 4 — ”citat” 🍰")
        #expect(HTMLBuilder.escaped("") == "")
        #expect(HTMLBuilder.escaped("&&") == "&amp;&amp;")
    }

    @Test func controlCharactersHTMLForbidsBecomeReplacementCharactersAndWhitespaceStays() {
        var html = HTMLBuilder()
        html.element("p", .init("data-x", "a\u{0000}b"), text: "tab\there\u{0001}\u{007F}\u{0085}\u{009F}\r\n\u{000C}é\u{00A0}")
        #expect(html.output == "<p data-x=\"a\u{FFFD}b\">tab\there\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\r\n\u{000C}é\u{00A0}</p>")
    }

    @Test func elementsNestAndCloseInOrder() {
        var html = HTMLBuilder()
        html.doctype()
        html.element("ul", [.init("class", "list")]) { html in
            html.element("li", text: "ett")
            html.element("li") { html in html.trusted("<b>två</b>") }
        }
        html.element("div")
        #expect(html.output == "<!DOCTYPE html>\n<ul class=\"list\"><li>ett</li><li><b>två</b></li></ul><div></div>")
    }

    @Test func voidElementsHaveNoEndTagAndSVGElementsCloseThemselves() {
        var html = HTMLBuilder()
        html.void("meta", .init("charset", "utf-8"))
        html.void("br")
        html.selfClosing("rect", .init("x", "1"), .init("width", "2"))
        html.selfClosing("circle")
        #expect(html.output == #"<meta charset="utf-8"><br><rect x="1" width="2"/><circle/>"#)
    }

    @Test func flagsAndOptionalAttributesAreWrittenOnlyWhenTheyApply() {
        var html = HTMLBuilder()
        html.void("input", .init("value", "\"><img src=x>"), .flag("required", true), .flag("checked", false),
                  .optional("id", nil), .optional("aria-describedby", "hint error"), .init("disabled", nil))
        #expect(html.output == #"<input value="&quot;&gt;&lt;img src=x&gt;" required aria-describedby="hint error" disabled>"#)
    }

    @Test func aDocumentLargerThanTheRoomReservedGrowsWithNothingLost() {
        var html = HTMLBuilder(capacity: 1)
        var expected = ""
        for i in 0..<2_000 {
            html.element("li", .init("id", "r\(i)"), text: "rad \(i) & ”citat” 🍰")
            expected += "<li id=\"r\(i)\">rad \(i) &amp; ”citat” 🍰</li>"
        }
        html.selfClosing("circle")
        expected += "<circle/>"
        #expect(html.output == expected)
        #expect(html.output.utf8.count > 80_000)
    }

    @Test func svgNumbersHaveAtMostOneDecimalAndNoTrailingZero() {
        #expect(SVGNumber.text(12.0) == "12")
        #expect(SVGNumber.text(12.46) == "12.5")
        #expect(SVGNumber.text(-3.04) == "-3")
        #expect(SVGNumber.text(-0.04) == "0")
        #expect(SVGNumber.text(0.25) == "0.3")
        #expect(SVGNumber.text(.nan) == "0")
        #expect(SVGNumber.text(.infinity) == "0")
    }
}
