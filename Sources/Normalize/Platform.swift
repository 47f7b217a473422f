#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func activeProcessors() -> Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
