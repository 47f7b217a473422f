/// CSV in the contract's dialect: UTF-8 without BOM, comma separator, `"` quoting per
/// RFC 4180, `\n` line ends, and a formula-injection guard.
public enum CSV {
    /// Encodes one field. Text that a spreadsheet would run as a formula (starting with
    /// `=`, `+`, `-`, `@`, tab or CR) is prefixed with `'` unless it is a number.
    public static func field(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first,
           first == "=" || first == "+" || first == "-" || first == "@" || first == "\t" || first == "\r",
           !isNumber(text) {
            text = "'" + text
        }
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        if needsQuotes {
            var quoted = "\""
            for character in text {
                if character == "\"" { quoted.append("\"\"") } else { quoted.append(character) }
            }
            quoted.append("\"")
            return quoted
        }
        return text
    }

    /// One record, terminated by `\n`.
    public static func line(_ fields: [String]) -> String {
        fields.lazy.map(field).joined(separator: ",") + "\n"
    }

    /// Whether the text is a plain decimal number (`-1`, `+0.5`, `3.000`, `1e-3`).
    public static func isNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, first == "+" || first == "-" { scalars = scalars.dropFirst() }
        var digits = 0, dots = 0, exponent = false
        var previous: Unicode.Scalar?
        for scalar in scalars {
            switch scalar {
            case "0"..."9": digits += 1
            case "." where !exponent: dots += 1
            case "e" where digits > 0 && !exponent, "E" where digits > 0 && !exponent: exponent = true
            case "+" where previous == "e" || previous == "E", "-" where previous == "e" || previous == "E": break
            default: return false
            }
            previous = scalar
        }
        return digits > 0 && dots <= 1 && previous.map { $0 != "e" && $0 != "E" && $0 != "+" && $0 != "-" } ?? false
    }

    /// Parses CSV text (RFC 4180; `\n` or `\r\n` line ends; a leading BOM is ignored)
    /// into records of fields. Throws on an unterminated quoted field.
    public static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var fieldStarted = false
        var line = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        if pending == "\u{FEFF}" { pending = iterator.next() }
        while let scalar = pending {
            pending = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = iterator.next() } else { inQuotes = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
                fieldStarted = true
            case ",":
                record.append(field); field = ""; fieldStarted = true
            case "\r" where pending == "\n":
                break
            case "\n":
                record.append(field)
                records.append(record)
                record = []; field = ""; fieldStarted = false
                line += 1
            default:
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        if inQuotes { throw CSVError(line: line, reason: "unterminated quoted field") }
        if fieldStarted || !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}

/// A CSV text that cannot be parsed.
public struct CSVError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "line \(line): \(reason)" }
}
