import AsyncHTTPClient
import Foundation
import JWTKit
import MinistackCore
import NIOCore
import NIOHTTP1
import Synchronization

/// Verifies bearer tokens (signature with jwt-kit; `exp`, `nbf`, `aud`, `iss` with the configured
/// skew) and answers the token's claims, with Hasura's error wording.
///
/// Keys from `jwk_url` are fetched on first use and again after ten minutes, or at once when a
/// token names a key id the cached set lacks.
final class JWTVerifier: Sendable {
    let configuration: JWTConfiguration
    private let cached: Mutex<(keys: JWTKeyCollection, fetched: ContinuousClock.Instant)?>

    init(configuration: JWTConfiguration) async throws(HasuraError) {
        self.configuration = configuration
        if case .inline(let algorithm, let key) = configuration.key {
            cached = Mutex((try await Self.keys(algorithm: algorithm, key: key), .now))
        } else {
            cached = Mutex(nil)
        }
    }

    /// The verified token's whole claims object.
    func claims(of token: String) async throws(HasuraError) -> JSONValue {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw Self.invalid(
                "JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got \(parts.count))")
        }
        var keys = try await currentKeys(refresh: false)
        var registered: RegisteredClaims
        do {
            registered = try await keys.verify(token, as: RegisteredClaims.self)
        } catch let error as JWTError where error.errorType == .unknownKID && isFetched {
            keys = try await currentKeys(refresh: true)
            do {
                registered = try await keys.verify(token, as: RegisteredClaims.self)
            } catch {
                throw Self.invalid(Self.reason(error))
            }
        } catch {
            throw Self.invalid(Self.reason(error))
        }
        let now = Date()
        let skew = TimeInterval(configuration.allowedSkew)
        if let expiry = registered.exp?.value, now > expiry.addingTimeInterval(skew) {
            throw Self.invalid("JWTExpired")
        }
        if let notBefore = registered.nbf?.value, now < notBefore.addingTimeInterval(-skew) {
            throw Self.invalid("JWTNotYetValid")
        }
        if let audiences = configuration.audiences {
            guard let given = registered.aud?.value, given.contains(where: audiences.contains) else {
                throw Self.invalid("JWTNotInAudience")
            }
        }
        if let issuer = configuration.issuer, registered.iss?.value != issuer { throw Self.invalid("JWTNotInIssuer") }
        guard let payload = Self.base64URLDecoded(parts[1]), let claims = try? JSONParser.parse(bytes: payload),
            case .object = claims
        else {
            throw Self.invalid("JWSError (CompactDecodeError the payload is not a JSON object)")
        }
        return claims
    }

    private var isFetched: Bool {
        if case .jwkURL = configuration.key { return true }
        return false
    }

    private func currentKeys(refresh: Bool) async throws(HasuraError) -> JWTKeyCollection {
        if !refresh, let (keys, fetched) = cached.withLock({ $0 }),
            !isFetched || fetched.duration(to: .now) < .seconds(600)
        {
            return keys
        }
        guard case .jwkURL(let url) = configuration.key else { return cached.withLock { $0!.keys } }
        let keys = try await Self.fetchKeys(from: url)
        cached.withLock { $0 = (keys, .now) }
        return keys
    }

    static func invalid(_ reason: String) -> HasuraError {
        HasuraError(.invalidJWT, "Could not verify JWT: \(reason)")
    }

    /// jwt-kit's errors in the words of Hasura's JOSE library.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? JWTError else { return "JWSError (CompactDecodeError \(error))" }
        switch error.errorType {
        case .signatureVerificationFailed, .unknownKID, .missingKIDHeader, .unsupportedAlgorithm,
            .signingAlgorithmFailure:
            return "JWSError JWSInvalidSignature"
        default:
            return "JWSError (CompactDecodeError \(error.reason ?? "malformed token"))"
        }
    }

    static func keys(algorithm: String, key: String) async throws(HasuraError) -> JWTKeyCollection {
        let keys = JWTKeyCollection()
        let minimumLength = ["HS256": 32, "HS384": 48, "HS512": 64][algorithm] ?? 0
        guard key.utf8.count >= minimumLength else {
            throw HasuraError(
                .invalidConfiguration,
                "Invalid JWK: a \(algorithm) key must be at least \(minimumLength) characters (it has \(key.utf8.count))"
            )
        }
        do {
            switch algorithm {
            case "HS256": await keys.add(hmac: HMACKey(from: key), digestAlgorithm: .sha256)
            case "HS384": await keys.add(hmac: HMACKey(from: key), digestAlgorithm: .sha384)
            case "HS512": await keys.add(hmac: HMACKey(from: key), digestAlgorithm: .sha512)
            case "RS256", "RS384", "RS512":
                let publicKey =
                    key.contains("CERTIFICATE")
                    ? try Insecure.RSA.PublicKey(certificatePEM: key) : try Insecure.RSA.PublicKey(pem: key)
                let digest: DigestAlgorithm =
                    algorithm == "RS256" ? .sha256 : algorithm == "RS384" ? .sha384 : .sha512
                await keys.add(rsa: publicKey, digestAlgorithm: digest)
            case "ES256":
                let publicKey =
                    key.contains("CERTIFICATE")
                    ? try ES256PublicKey(certificate: key) : try ES256PublicKey(pem: key)
                await keys.add(ecdsa: publicKey)
            case "ES384":
                let publicKey =
                    key.contains("CERTIFICATE")
                    ? try ES384PublicKey(certificate: key) : try ES384PublicKey(pem: key)
                await keys.add(ecdsa: publicKey)
            default:
                throw HasuraError(.invalidConfiguration, "Invalid JWK: Key type: \(algorithm) is not supported")
            }
        } catch let error as HasuraError {
            throw error
        } catch {
            throw HasuraError(.invalidConfiguration, "Invalid JWK: the \(algorithm) key could not be read: \(error)")
        }
        return keys
    }

    static func fetchKeys(from url: String) async throws(HasuraError) -> JWTKeyCollection {
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status.code == 200 else {
                throw HasuraError(.invalidJWT, "Error fetching JWK: HTTP status \(response.status.code) from \(url)")
            }
            let keys = JWTKeyCollection()
            try await keys.add(jwksJSON: String(buffer: body))
            return keys
        } catch let error as HasuraError {
            throw error
        } catch {
            throw HasuraError(.invalidJWT, "Error fetching JWK: \(error)")
        }
    }

    static func base64URLDecoded(_ text: Substring) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}

/// The registered claims jwt-kit decodes; ministack checks them itself to word errors as Hasura does.
struct RegisteredClaims: JWTPayload {
    var exp: ExpirationClaim?
    var nbf: NotBeforeClaim?
    var iss: IssuerClaim?
    var aud: AudienceClaim?

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
