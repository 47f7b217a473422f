import Testing
import LandscapeModel
import Ingest
@testable import Normalize

@Test func exploreCorpus() throws {
    let base = "/work/shared/corpus"
    var files: [InputFile] = []
    for (source, format, count) in [("iso", SourceFormat.nisoSts, 15), ("iec", .nisoSts, 7), ("ieee", .ieeeIdams, 3)] {
        for i in 1...count { files.append(InputFile(source: source, format: format, path: "\(base)/\(source)/catalog-\(i < 10 ? "00" : "0")\(i).xml.gz")) }
    }
    var t = ContinuousClock.now
    let result = CatalogIngester().ingest(files)
    print("ingest", ContinuousClock.now - t, result.records.count, result.quarantine.count, result.warnings.count)
    t = ContinuousClock.now
    let n = Normalizer().normalize(result.records)
    print("normalize", ContinuousClock.now - t, n.standards.count, n.quarantine.count, n.merges.count)
    var unparsed = 0
    for s in n.standards where s.provenance["id"]?.contains("kept as written") == true { unparsed += 1; if unparsed < 200, s.sources != ["iec"] { print("UNPARSED", s.id, s.sources) } }
    print("unparsed", unparsed)
    for id in ["ISO/IEC 42001:2023", "ISO/IEC TR 24028:2020", "IEEE Std 7001-2021", "IEC 31010:2019", "ISO 1003:2008"] {
        for s in n.standards where s.id == id { print(s.id, s.undatedId, s.sdo, s.deliverableType, s.stage, s.stageCode, s.status, s.committees, s.title, s.published, s.ics, s.sources, s.abstract.prefix(200), s.provenance) }
    }
    var c: [String: Int] = [:]
    for s in n.standards { c["\(s.deliverableType)"] = (c["\(s.deliverableType)"] ?? 0) + 1; c["stage.\(s.stage)"] = (c["stage.\(s.stage)"] ?? 0) + 1; c["status.\(s.status)"] = (c["status.\(s.status)"] ?? 0) + 1 }
    print(c.sorted { $0.key < $1.key })
    var committees: [String: Int] = [:]
    for s in n.standards { committees[s.committee, default: 0] += 1 }
    //print(committees.filter { !$0.key.contains("IEEE") && !$0.key.contains("of the") }.keys.sorted().prefix(400))
}

@Test func exploreMerges() throws {
    let base = "/work/shared/corpus"
    var files: [InputFile] = []
    for i in 1...15 { files.append(InputFile(source: "iso", format: .nisoSts, path: "\(base)/iso/catalog-\(i < 10 ? "00" : "0")\(i).xml.gz")) }
    let result = CatalogIngester().ingest(files)
    let n = Normalizer().normalize(result.records)
    print("ieee", result.records.count, n.standards.count, n.merges.count)
    for m in n.merges where m.origins.count > 2 || Set(m.origins.map { o in result.records.first { $0.location == o }!.layers[0].references["dated"]! }).count > 1 {
        let ids = m.origins.map { o in result.records.first { $0.location == o }!.layers[0].references["dated"]! }
        print(m.id, ids)
    }
}
