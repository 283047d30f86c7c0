import Foundation
import GraphQL
import OrderedCollections

/// The `weather` remote schema: made-up but reproducible forecasts, and weather stations.
/// Queries only; its root fields `hello`, `node` and `echoHeaders` and its types `Node`,
/// `DateTime` and `Header` have the names the `library` schema uses.
///
/// ```graphql
/// type Query {
///   hello: String!                                    # "Hello from <name>!"
///   forecast(city: String!, days: Int = 3): [Forecast!]!   # days 1...7, else error BAD_ARGUMENT
///   station(id: ID!): Station
///   stations: [Station!]!
///   node(id: ID!): Node
///   echoHeaders: [Header!]!
/// }
/// ```
///
/// Stations: `station-1` Blindern (Oslo), `station-2` Lisboa Geofísico (Lisbon). A forecast
/// depends only on the city's name and the day, and day `n` is `n` days after 2025-06-01.
enum RemoteWeatherSchema {
    /// Resolved by GraphQLSwift's default resolver, which reads the stored property of the
    /// field's name.
    struct Station: Sendable {
        var id: String
        var name: String
        var city: String
    }

    struct Forecast: Sendable {
        var city: String
        var day: Int
        var date: Date
        var condition: String
        var high: Double
        var low: Double
    }

    static let stations = [
        Station(id: "station-1", name: "Blindern", city: "Oslo"),
        Station(id: "station-2", name: "Lisboa Geofísico", city: "Lisbon"),
    ]

    static let conditions = ["SUNNY", "CLOUDY", "RAIN", "SNOW"]

    /// The forecast for `day` days after 2025-06-01 in `city`.
    static func forecast(city: String, day: Int) -> Forecast {
        let seed = city.lowercased().unicodeScalars.reduce(0) { $0 + Int($1.value) }
        let high = Double(10 + (seed + 3 * day) % 15) + 0.5
        return Forecast(
            city: city, day: day,
            date: RemoteSchemaParts.date("2025-06-01T00:00:00Z").addingTimeInterval(
                Double(day) * 86_400), condition: conditions[(seed + day) % conditions.count], high: high,
            low: high - 8)
    }

    static func make(name: String) throws -> GraphQLSchema {
        let dateTime = try RemoteSchemaParts.dateTime()
        let header = try RemoteSchemaParts.header()
        let condition = try GraphQLEnumType(
            name: "Condition",
            values: OrderedDictionary(
                uniqueKeysWithValues: conditions.map { ($0, GraphQLEnumValue(value: .string($0))) }))
        let node = try RemoteSchemaParts.node { $0 is Station ? "Station" : nil }
        let station = try GraphQLObjectType(
            name: "Station",
            fields: [
                "id": GraphQLField(type: GraphQLNonNull(GraphQLID)),
                "name": GraphQLField(type: GraphQLNonNull(GraphQLString)),
                "city": GraphQLField(type: GraphQLNonNull(GraphQLString)),
            ],
            interfaces: [node])
        let forecast = try GraphQLObjectType(
            name: "Forecast",
            fields: [
                "city": GraphQLField(type: GraphQLNonNull(GraphQLString)),
                "day": GraphQLField(type: GraphQLNonNull(GraphQLInt), description: "Days after 2025-06-01."),
                "date": GraphQLField(type: GraphQLNonNull(dateTime)),
                "condition": GraphQLField(type: GraphQLNonNull(condition)),
                "high": GraphQLField(type: GraphQLNonNull(GraphQLFloat), description: "°C"),
                "low": GraphQLField(type: GraphQLNonNull(GraphQLFloat), description: "°C"),
            ])
        let query = try GraphQLObjectType(
            name: "Query",
            fields: [
                "hello": RemoteSchemaParts.field(GraphQLNonNull(GraphQLString)) { _, _, _, _ in "Hello from \(name)!" },
                "forecast": RemoteSchemaParts.field(
                    GraphQLNonNull(GraphQLList(GraphQLNonNull(forecast))),
                    args: [
                        "city": GraphQLArgument(type: GraphQLNonNull(GraphQLString)),
                        "days": GraphQLArgument(type: GraphQLInt, defaultValue: 3),
                    ]
                ) { _, args, _, info in
                    let city = args["city"].string ?? ""
                    let days = args["days"].int ?? 3
                    guard (1...7).contains(days) else {
                        throw RemoteSchemaParts.fieldError("days must be from 1 to 7", code: "BAD_ARGUMENT", info)
                    }
                    return RemoteSchemaParts.list((1...days).map { Self.forecast(city: city, day: $0) })
                },
                "station": RemoteSchemaParts.field(
                    station, args: ["id": GraphQLArgument(type: GraphQLNonNull(GraphQLID))]
                ) { _, args, _, _ in
                    stations.first { $0.id == args["id"].string }
                },
                "stations": RemoteSchemaParts.field(GraphQLNonNull(GraphQLList(GraphQLNonNull(station)))) {
                    _, _, _, _ in RemoteSchemaParts.list(stations)
                },
                "node": RemoteSchemaParts.field(node, args: ["id": GraphQLArgument(type: GraphQLNonNull(GraphQLID))]) {
                    _, args, _, _ in stations.first { $0.id == args["id"].string }
                },
                "echoHeaders": RemoteSchemaParts.echoHeaders(header),
            ])
        return try GraphQLSchema(query: query, types: [station])
    }
}
