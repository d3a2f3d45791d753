// swift-tools-version:6.0
import PackageDescription

// No package dependencies by design: system C libraries come in through module maps only.
let package = Package(
    name: "Kyodo",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kyodo", targets: ["kyodo"]),
    ],
    targets: [
        .systemLibrary(name: "CEpoll", path: "Sources/CEpoll"),
        .target(name: "HTTP", dependencies: ["CEpoll"]),
        .executableTarget(name: "kyodo", dependencies: ["HTTP"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
