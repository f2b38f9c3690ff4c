import Foundation
import Logging

/// A swift-log handler that writes one JSON object per line to standard error:
/// `{"level":"info","message":"request","method":"POST","ms":"1.2","path":"/t/[token]","status":"303","time":"…"}`.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let sink: LogSink

    public init(label: String, sink: LogSink = .standardError) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: String] = ["time": Self.timestamp(), "level": event.level.rawValue, "message": "\(event.message)", "logger": label]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) where key != "hb.request.id" {
            fields[key] = "\(value)"
        }
        var line = "{"
        for (i, key) in fields.keys.sorted().enumerated() {
            if i > 0 { line += "," }
            line += Self.quoted(key) + ":" + Self.quoted(fields[key]!)
        }
        line += "}\n"
        sink.write(line)
    }

    private static func timestamp() -> String {
        let milliseconds = Int64(Date().timeIntervalSince1970 * 1000)
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000).ISO8601Format(.iso8601.time(includingFractionalSeconds: true).year().month().day().dateTimeSeparator(.standard).timeZone(separator: .omitted))
    }

    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20: output += String(format: "\\u%04x", scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}

/// Where log lines go: standard error, or a collector (tests).
public final class LogSink: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle?
    private var collected: [String] = []

    public static let standardError = LogSink(handle: FileHandle.standardError)

    public init(handle: FileHandle?) {
        self.handle = handle
    }

    /// A sink that keeps the lines in memory.
    public static func collecting() -> LogSink { LogSink(handle: nil) }

    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        if let handle { handle.write(Data(line.utf8)) } else { collected.append(line) }
    }

    public var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
