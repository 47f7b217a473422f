import Testing
@testable import Normalize

@Test func moduleLoads() { #expect(Bool(true)) }
