import Testing
@testable import Score

@Test func moduleLoads() { #expect(Bool(true)) }
