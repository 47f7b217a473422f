import Testing
@testable import Ingest

@Test func moduleLoads() { #expect(Bool(true)) }
