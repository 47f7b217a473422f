import Testing
import LandscapeModel
@testable import Ingest

@Test func explore() {
    let ingester = CatalogIngester()
    for name in ["full.xml", "full.xml.gz", "trunc.xml", "trunc2.xml", "trunc.xml.gz", "badutf.xml", "xxe.xml", "nope.xml"] {
        let o = ingester.readFile(InputFile(source: "t", format: .nisoSts, path: "/tmp/exp/" + name))
        print(name, o.records.map { "\($0.location.line):\($0.layers.first?.references["dated"] ?? "-")" }, o.quarantine.map(\.reason), o.warnings.map(\.message))
    }
}
import XMLStream
@Test func explore2() throws {
    for name in ["trunc.xml", "trunc.xml.gz", "badutf.xml"] {
        let r = try XMLReader(path: "/tmp/exp/" + name)
        var n = 0
        while r.read() { n += 1 }
        print(name, n, r.problems)
    }
}
