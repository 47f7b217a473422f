import LandscapeModel
import XMLStream

/// Turns the nodes of one catalog file into records. One adapter per ``SourceFormat``.
protocol CatalogAdapter {
    /// Reads the whole file, calling `emit` for every record in document order.
    /// `location` turns a line number into a ``SourceLocation`` of this file.
    func read(_ reader: XMLReader, emit: (RawRecord) -> Void, location: (Int) -> SourceLocation)
}

extension SourceFormat {
    /// The XML adapter; nil for formats that are not XML (``DeliverablesFeed``).
    var adapter: (any CatalogAdapter)? {
        switch self {
        case .nisoSts: StsAdapter()
        case .ieeeIdams: IdamsAdapter()
        case .isoOpenData: nil
        }
    }
}
