import Foundation
import NIOSSL
import PostgresNIO

extension PostgresLocation {
    /// PostgresNIO's TLS setting for `sslMode`, with libpq's meanings: `prefer` and `require`
    /// encrypt without checking the certificate (`require` checks it as `verify-ca` when a root
    /// certificate is named), `verify-ca` checks who signed it, `verify-full` also the host name.
    func tls() throws -> PostgresConnection.Configuration.TLS {
        switch try tlsSetting() {
        case nil: return .disable
        case (let configuration, required: false)?: return .prefer(try context(configuration))
        case (let configuration, required: true)?: return .require(try context(configuration))
        }
    }

    /// The same setting for the pool of connections (`PostgresClient`).
    func clientTLS() throws -> PostgresClient.Configuration.TLS {
        switch try tlsSetting() {
        case nil: return .disable
        case (let configuration, required: false)?: return .prefer(configuration)
        case (let configuration, required: true)?: return .require(configuration)
        }
    }

    private func tlsSetting() throws -> (TLSConfiguration, required: Bool)? {
        switch sslMode {
        case .disable: return nil
        case .prefer: return (try configuration(verification: .none), false)
        case .require: return (try configuration(verification: sslRootCertificate == nil ? .none : .noHostnameVerification), true)
        case .verifyCA: return (try configuration(verification: .noHostnameVerification), true)
        case .verifyFull: return (try configuration(verification: .fullVerification), true)
        }
    }

    /// A configuration whose root certificate has been read: a file that is not one fails here,
    /// with a sentence, rather than at each connection.
    private func configuration(verification: CertificateVerification) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = verification
        if verification != .none, let roots = try rootCertificates() { configuration.trustRoots = .file(roots) }
        _ = try context(configuration)
        return configuration
    }

    private func context(_ configuration: TLSConfiguration) throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw PostgresFailure(message: "无法读取根证书 \(sslRootCertificate ?? "")：文件不是 PEM 格式的证书")
        }
    }

    /// `sslrootcert`, else `~/.postgresql/root.crt` when it exists, else nil for the system's roots.
    private func rootCertificates() throws -> String? {
        if let named = sslRootCertificate {
            guard FileManager.default.isReadableFile(atPath: named) else {
                throw PostgresFailure(message: "找不到根证书文件 \(named)（数据库地址中的 sslrootcert）")
            }
            return named
        }
        let home = ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.postgresql/root.crt" }
        return home.flatMap { FileManager.default.isReadableFile(atPath: $0) ? $0 : nil }
    }
}

extension PostgresFailure {
    /// Why an encrypted connection could not be made, in words an operator can act on.
    static func tlsProblem(_ error: any Error, mode: PostgresLocation.SSLMode) -> String? {
        var current: (any Error)? = error
        while let error = current {
            if let psql = error as? PSQLError {
                if psql.code == .sslUnsupported {
                    return "PostgreSQL 服务器不支持加密连接（TLS），而数据库地址要求加密（sslmode=\(mode.rawValue)）"
                }
                current = psql.underlying
                continue
            }
            if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
                return "PostgreSQL 服务器的证书不是签发给所连接的主机名的（sslmode=verify-full），连接已拒绝"
            }
            if error is NIOSSLError || error is BoringSSLError {
                return "PostgreSQL 服务器的证书未通过验证（不是由所给根证书签发，或已过期），连接已拒绝"
            }
            return nil
        }
        return nil
    }
}
