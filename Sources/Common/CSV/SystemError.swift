#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of a C `errno` value, e.g. "No space left on device".
func systemErrorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
