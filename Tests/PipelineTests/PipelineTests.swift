import Testing
@testable import Pipeline

@Test func moduleLoads() { #expect(Bool(true)) }
