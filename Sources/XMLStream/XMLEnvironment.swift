@preconcurrency import CLibXML2

/// Process-wide libxml2 set-up.
///
/// libxml2 keeps global state: the parser must be initialised once before any
/// thread uses it, and the external entity loader is global. ``prepare()`` does
/// both exactly once, however many threads call it.
public enum XMLEnvironment {
    /// Initialises libxml2 and installs an external-entity loader that refuses
    /// everything, so no DTD, entity or XInclude target is ever read from disk or
    /// network. Idempotent and thread-safe; call it before starting parallel work.
    public static func prepare() {
        _ = once
    }

    private static let once: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader(refuseExternalEntity)
    }()
}

/// The external entity loader: every request is refused (and reported by libxml2
/// as a failure to load), whatever its URL.
private func refuseExternalEntity(
    _ url: UnsafePointer<CChar>?,
    _ id: UnsafePointer<CChar>?,
    _ context: xmlParserCtxtPtr?
) -> xmlParserInputPtr? {
    if let context {
        // Record the attempt through the reader's error sink, if one is attached.
        if let sink = ErrorSink.current(for: context) {
            let what = url.map { String(cString: $0) } ?? (id.map { String(cString: $0) } ?? "?")
            sink.add(XMLProblem(kind: .hostile, line: Int(xmlSAX2GetLineNumber(context)), message: "external resource refused: \(what)"))
        }
    }
    return nil
}
