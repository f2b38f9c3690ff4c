import Foundation
import Logging
import Store

/// A swift-log handler that writes one JSON object per line to standard error:
/// `{"level":"info","message":"request","method":"POST","ms":"1.2","path":"/t/[token]","status":"303","time":"…"}`.
/// Keys are sorted; the time is UTC to the millisecond. A line is built as UTF-8 bytes and
/// written with one call: at the default level every request writes one.
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
        var fields: [(key: String, value: String)] = [
            ("time", Self.timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))),
            ("level", event.level.rawValue), ("message", "\(event.message)"), ("logger", label),
        ]
        let given = event.metadata ?? [:]
        func add(_ key: String, _ value: Logger.Metadata.Value) {
            guard key != "hb.request.id" else { return }
            if let own = fields.firstIndex(where: { $0.key == key }) {
                fields[own].value = Self.text(of: value)
            } else {
                fields.append((key, Self.text(of: value)))
            }
        }
        for (key, value) in metadata where given[key] == nil { add(key, value) }
        for (key, value) in given { add(key, value) }
        fields.sort { $0.key < $1.key }
        var line: [UInt8] = []
        line.reserveCapacity(256)
        line.append(UInt8(ascii: "{"))
        for (i, field) in fields.enumerated() {
            if i > 0 { line.append(UInt8(ascii: ",")) }
            Self.appendQuoted(field.key, to: &line)
            line.append(UInt8(ascii: ":"))
            Self.appendQuoted(field.value, to: &line)
        }
        line.append(contentsOf: "}\n".utf8)
        sink.write(line)
    }

    private static func text(of value: Logger.Metadata.Value) -> String {
        if case .string(let text) = value { return text }
        return "\(value)"
    }

    /// `2026-11-29T15:09:25.118Z`: the instant in UTC, milliseconds cut off below, as the store writes times.
    static func timestamp(millisecondsSinceEpoch milliseconds: Int64) -> String {
        Timestamp(millisecondsSinceEpoch: milliseconds).text
    }

    /// `text` as a JSON string.
    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped,
    /// everything else as its UTF-8.
    private static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Where log lines go: standard error, or a collector (tests).
public final class LogSink: @unchecked Sendable {
    private let lock = NSLock()
    private let descriptor: Int32?
    private var collected: [String] = []

    public static let standardError = LogSink(descriptor: STDERR_FILENO)

    /// A sink that writes to the open file `descriptor`; nil keeps the lines in memory.
    public init(descriptor: Int32?) {
        self.descriptor = descriptor
    }

    /// A sink that keeps the lines in memory.
    public static func collecting() -> LogSink { LogSink(descriptor: nil) }

    /// Writes one line (its UTF-8, ending in a line feed) whole: lines from several threads
    /// never interleave.
    func write(_ line: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        guard let descriptor else {
            collected.append(String(decoding: line, as: UTF8.self))
            return
        }
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // A log that cannot be written must not stop the server.
                }
            }
        }
    }

    public var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
