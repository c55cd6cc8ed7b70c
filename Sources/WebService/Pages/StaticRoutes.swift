import Foundation
import Hummingbird

/// The style sheet, served from the module's resources: pages fetch nothing from anywhere else.
struct StaticRoutes {
    let styleSheet: ByteBuffer = {
        let url = Bundle.module.resourceURL?.appendingPathComponent("Static/zhifa.css")
        return ByteBuffer(bytes: url.flatMap { try? Data(contentsOf: $0) } ?? Data())
    }()

    func register(on router: Router<WebRequestContext>) {
        router.get("static/zhifa.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: styleSheet))
        }
    }
}
