/// One problem found in an input, with its code, where it is and what to do about it.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: DiagnosticCode
    public var location: DiagnosticLocation
    /// What is wrong and how to fix it, in one or two sentences.
    public var message: String

    public init(_ code: DiagnosticCode, at location: DiagnosticLocation, _ message: String) {
        self.code = code
        self.location = location
        self.message = message
    }

    public init(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        self.init(code, at: .source(location), message)
    }

    public var severity: Severity { code.severity }
    public var isError: Bool { severity == .error }

    /// The diagnostic as one line of text: `path:line:col: error[E012]: message`.
    public var description: String { DiagnosticRenderer.line(for: self) }
}

/// Diagnostics gathered while checking an input, so that one run reports every problem.
public struct DiagnosticList: Sendable, Sequence {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) {
        self.items = items
    }

    public mutating func report(_ diagnostic: Diagnostic) {
        items.append(diagnostic)
    }

    public mutating func report(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        items.append(Diagnostic(code, at: location, message))
    }

    public mutating func report(_ code: DiagnosticCode, at location: DiagnosticLocation, _ message: String) {
        items.append(Diagnostic(code, at: location, message))
    }

    public mutating func append(contentsOf other: some Sequence<Diagnostic>) {
        items.append(contentsOf: other)
    }

    public var errors: [Diagnostic] { items.filter(\.isError) }
    public var warnings: [Diagnostic] { items.filter { !$0.isError } }
    public var hasErrors: Bool { items.contains(where: \.isError) }
    public var isEmpty: Bool { items.isEmpty }
    public var count: Int { items.count }

    /// In file order, errors before warnings at the same place; duplicates removed.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return items
            .filter { seen.insert($0).inserted }
            .sorted { ($0.location, $1.severity, $0.code) < ($1.location, $0.severity, $1.code) }
    }

    public func makeIterator() -> IndexingIterator<[Diagnostic]> { items.makeIterator() }
}
