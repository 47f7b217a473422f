/// A growing HTML document. Text goes through ``escaped(_:)``; markup is appended as is.
///
/// One `String` with reserved capacity, appended to in place: the report for a whole
/// corpus is built in a few milliseconds instead of through thousands of temporaries.
struct HTMLText {
    private(set) var text = ""

    init(capacity: Int = 1 << 16) {
        text.reserveCapacity(capacity)
    }

    /// Appends markup as is.
    mutating func raw(_ markup: String) { text.append(markup) }

    /// Appends text, escaped.
    mutating func text(_ value: String) { HTMLText.appendEscaped(value, to: &text) }

    /// Appends `<tag attributes>escaped content</tag>`.
    mutating func element(_ tag: String, _ content: String, attributes: String = "") {
        text.append("<" + tag)
        if !attributes.isEmpty { text.append(" " + attributes) }
        text.append(">")
        text(content)
        text.append("</" + tag + ">")
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` so the value is safe in text and in quoted attributes.
    static func escaped(_ value: String) -> String {
        guard value.utf8.contains(where: needsEscape) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        appendEscaped(value, to: &out)
        return out
    }

    private static func appendEscaped(_ value: String, to out: inout String) {
        guard value.utf8.contains(where: needsEscape) else {
            out.append(value)
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out.append("&amp;")
            case "<": out.append("&lt;")
            case ">": out.append("&gt;")
            case "\"": out.append("&quot;")
            case "'": out.append("&#39;")
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}

/// Escapes text for HTML (see ``HTMLText/escaped(_:)``).
func esc(_ value: String) -> String { HTMLText.escaped(value) }

/// Number formatting for people: `115578` → `115,578`.
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = value < 0 ? "-" : ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(digit)
    }
    return out
}

/// `0.4567` → `45.7%`.
func percent(_ fraction: Double) -> String {
    guard fraction.isFinite else { return "–" }
    return fixed(fraction * 100, decimals: 1) + "%"
}

/// A number with a fixed count of decimals, without Foundation's locale-dependent formatting.
func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((abs(value) * scale).rounded())
    let whole = scaled / Int(scale)
    let fraction = scaled % Int(scale)
    var text = (value < 0 && scaled != 0 ? "-" : "") + String(whole)
    if decimals > 0 {
        let digits = String(fraction)
        text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return text
}
