import Aggregation
import HTML

/// How a status is drawn: a colour and a shape (never colour alone), with its word beside it.
struct StatusStyle: Sendable {
    let status: TargetStatus?
    let colour: String
    let fill: String
    let shape: SVG.Shape
    let cssClass: String

    init(_ status: TargetStatus?) {
        self.status = status
        switch status {
        case .met: (colour, fill, shape, cssClass) = ("#15703a", "#dcf2e2", .circle, "met")
        case .onTrack: (colour, fill, shape, cssClass) = ("#8a5a00", "#fdf0c4", .diamond, "on-track")
        case .offTrack: (colour, fill, shape, cssClass) = ("#b42318", "#fbdedb", .triangleDown, "off-track")
        case .notMet: (colour, fill, shape, cssClass) = ("#7a1c12", "#f1d3ce", .cross, "not-met")
        case nil: (colour, fill, shape, cssClass) = ("#5c5c5c", "#efefef", .square, "no-status")
        }
    }

    /// The worst of several statuses: not met before off track before on track before met; nil when
    /// none has one.
    static func worst(_ statuses: [TargetStatus]) -> TargetStatus? {
        if statuses.contains(.notMet) { return .notMet }
        if statuses.contains(.offTrack) { return .offTrack }
        if statuses.contains(.onTrack) { return .onTrack }
        return statuses.isEmpty ? nil : .met
    }

    /// A small inline SVG of the status's shape, hidden from assistive technology (the word follows it).
    func icon(into html: inout HTMLBuilder, size: Double = 14) {
        html.element("svg", .init("class", "status-icon"), .init("width", SVG.n(size)), .init("height", SVG.n(size)),
                     .init("viewBox", "0 0 \(SVG.n(size)) \(SVG.n(size))"), .init("aria-hidden", "true"), .init("focusable", "false")) { html in
            SVG.mark(shape, x: size / 2, y: size / 2, r: size * 0.36, fill: colour, stroke: colour, into: &html)
        }
    }
}
