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
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
        // OpenSSL's TLS, for STARTTLS to the mail server only.
        .systemLibrary(name: "CTLS", path: "Sources/CTLS"),
        .target(name: "HTTP", dependencies: ["CEpoll"]),
        .target(name: "Crypto", dependencies: ["CCrypto"]),
        .target(name: "SQLite", dependencies: ["CSQLite", "Crypto"]),
        .target(name: "Templating"),
        .target(name: "SMTP", dependencies: ["CTLS"]),
        .target(name: "Kyodo", dependencies: ["HTTP", "SQLite", "Templating", "Crypto", "SMTP"],
                // The 1,000 most common passwords (first 1,000 lines of Django's list), refused at sign-up.
                resources: [.copy("Accounts/common-passwords.txt")]),
        .executableTarget(name: "kyodo", dependencies: ["Kyodo"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP"], exclude: ["Fixtures"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating"]),
        .testTarget(name: "KyodoTests", dependencies: ["Kyodo", "HTTP", "SQLite", "Crypto", "SMTP"], exclude: ["Fixtures"]),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "BrowserTests", dependencies: ["Kyodo"]),
    ],
    swiftLanguageModes: [.v6]
)
