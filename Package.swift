// swift-tools-version: 6.1
import PackageDescription

/// Compiler-enforced boundaries between the pipeline's rooms (see docs/architecture.md).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "ministack",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ministack", targets: ["ministack"])
    ],
    dependencies: [
        .package(url: "https://github.com/GraphQLSwift/GraphQL.git", from: "4.3.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
    ],
    targets: [
        .target(
            name: "MinistackCore",
            dependencies: [
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MinistackPostgres",
            dependencies: [
                "MinistackCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MinistackSQLite",
            dependencies: [
                "MinistackCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MinistackEngine",
            dependencies: [
                "MinistackCore", "MinistackPostgres", "MinistackSQLite",
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MinistackServer",
            dependencies: [
                "MinistackEngine", "MinistackConsole",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        // The web console, embedded from `web/` at build time by the EmbedConsole plugin.
        .target(
            name: "MinistackConsole",
            swiftSettings: strictSettings,
            plugins: ["EmbedConsole"]
        ),
        .executableTarget(name: "ConsoleEmbedder", swiftSettings: strictSettings),
        .plugin(name: "EmbedConsole", capability: .buildTool(), dependencies: ["ConsoleEmbedder"]),
        .executableTarget(
            name: "ministack",
            dependencies: [
                "MinistackServer", "MinistackEngine", "MinistackCore", "MinistackConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MinistackTesting",
            dependencies: [
                "MinistackCore", "MinistackPostgres", "MinistackSQLite", "MinistackEngine", "MinistackServer",
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/MinistackTesting",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MinistackCoreTests",
            dependencies: [
                "MinistackCore", "MinistackTesting",
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MinistackSQLiteTests",
            dependencies: ["MinistackSQLite", "MinistackTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MinistackPostgresTests",
            dependencies: ["MinistackPostgres", "MinistackTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MinistackCLITests",
            dependencies: [
                "MinistackTesting", "MinistackCore",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MinistackIntegrationTests",
            dependencies: [
                "MinistackConsole",
                "MinistackTesting", "MinistackServer", "MinistackEngine", "MinistackCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            exclude: ["Cases", "MutationCases", "FullIntrospectionQuery.graphql", "Fixtures"],
            swiftSettings: strictSettings
        ),
    ]
)
