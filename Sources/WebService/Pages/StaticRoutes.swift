import BundledFiles
import Foundation
import Hummingbird

/// The style sheet, carried inside the binary (`BundledFiles`): pages fetch nothing from anywhere else.
struct StaticRoutes {
    let styleSheet = ByteBuffer(string: BundledFiles.text("Sources/WebService/Static/zhifa.css") ?? "")

    func register(on router: Router<WebRequestContext>) {
        router.get("static/zhifa.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: styleSheet))
        }
    }
}
