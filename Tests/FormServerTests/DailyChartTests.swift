import Expressions
import HTML
import Store
import Testing
@testable import FormServer

/// The admin page's chart of responses per day.
@Suite struct DailyChartTests {
    struct Bar { var kind: String; var x: Double; var width: Double }
    struct Label { var text: String; var x: Double }

    /// The value of attribute `name` in the start of an SVG element.
    func number(_ name: String, in element: Substring) throws -> Double {
        let start = try #require(element.range(of: " \(name)=\"")).upperBound
        return try #require(Double(element[start...].prefix { $0 != "\"" }))
    }

    /// The bars and day labels of the chart drawn for `days`.
    func draw(_ days: [DailyActivity]) throws -> (bars: [Bar], labels: [Label]) {
        var html = HTMLBuilder()
        DailyChart(days: days).render(into: &html)
        let svg = html.output
        let bars = try svg.components(separatedBy: "<rect").dropFirst().map { piece in
            let element = piece.prefix { $0 != ">" }
            return Bar(kind: element.contains("bar-started") ? "started" : "completed",
                       x: try number("x", in: element), width: try number("width", in: element))
        }
        let labels = try svg.components(separatedBy: "<text").dropFirst().filter { $0.contains("text-anchor=\"middle\"") }.map { piece in
            let element = piece.prefix { $0 != ">" }
            return Label(text: String(piece.dropFirst(element.count + 1).prefix { $0 != "<" }), x: try number("x", in: element))
        }
        return (bars, labels)
    }

    /// Positions are written with one decimal, hence the tolerance.
    @Test(arguments: [1, 2, 7, 30])
    func eachDaysBarsStandOnItsLabel(days count: Int) throws {
        let days = (0..<count).map { DailyActivity(day: CalendarDate(daysSinceEpoch: 20_400 + $0).description, started: 2 + $0 % 3, completed: 1) }
        let (bars, labels) = try draw(days)
        #expect(bars.count == 2 * count)
        #expect(!labels.isEmpty)
        for label in labels {
            let index = try #require(days.firstIndex { $0.day.hasSuffix(label.text) })
            let started = bars[2 * index], completed = bars[2 * index + 1]
            #expect(started.kind == "started" && completed.kind == "completed")
            #expect(abs(completed.x - label.x) < 0.2, "the label \(label.text) is centred between its day's two bars")
            #expect(abs(started.x + started.width - completed.x) < 0.2)
        }
    }
}
