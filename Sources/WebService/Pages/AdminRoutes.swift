import CaseStore
import CaseXML
import Foundation
import Hummingbird
import MultipartKit
import NIOPosix

/// Accounts and the registry and benchmark imports: the administrator's pages.
struct AdminRoutes {
    let app: WebApp

    func register(on router: Router<WebRequestContext>) {
        let administrators = router.group().add(middleware: RequirePermission(.administer))
        administrators.get("admin") { request, context in
            let user = try context.user()
            let agencies = try await app.reference().registry.agencies
            let accounts = try await app.store.readingPrimary { try await $0.accounts.accounts() }
            return app.pages.render(
                "admin",
                AdminView(
                    chrome: Chrome(title: "系统管理", context: context),
                    saved: context.takeNotice(),
                    users: accounts.map {
                        AdminView.UserRow(
                            name: $0.name, role: $0.role.chineseName, agency: $0.agency ?? "全部", createdAt: $0.createdAt,
                            createdBy: $0.createdBy, isSelf: $0.name == user.name)
                    },
                    roles: Option.all(AccountRole.self, selected: .clerk),
                    agencies: agencies.map { Option(value: $0.code, label: "\($0.name)（\($0.code)）", selected: false) },
                    maxUpload: WebError.size(app.configuration.maxUploadBytes)))
        }
        administrators.post("admin/users") { request, context -> Response in
            let user = try context.user()
            let form = try await decodeForm(NewUserForm.self, request, limit: app.configuration.maxRequestBytes)
            try context.checkCSRF(form.csrf)
            guard let role = AccountRole(rawValue: form.role) else { throw WebError.invalid(["角色“\(form.role)”不存在。"]) }
            guard form.password.count >= 10 else { throw WebError.invalid(["密码至少 10 个字符。"]) }
            let hash = try await NIOThreadPool.singleton.runIfActive { Passwords.hash(form.password) }
            do {
                try await app.store.addAccount(
                    name: form.name, role: role, agency: role == .clerk ? FormValue.text(form.agency) : nil,
                    passwordHash: hash, actor: user.name)
            } catch let error as StoreError {
                throw WebError.invalid([error.description])
            }
            context.flash("账号 \(form.name)")
            return redirect(to: "/admin")
        }
        // Removing an account ends its sessions on every node at once (`CaseStore.removeAccount`).
        administrators.post("admin/users/remove") { request, context -> Response in
            let user = try context.user()
            let form = try await decodeForm(RemoveUserForm.self, request, limit: app.configuration.maxRequestBytes)
            try context.checkCSRF(form.csrf)
            guard form.name != user.name else { throw WebError.invalid(["不能删除自己正在使用的账号；请由另一位系统管理员删除。"]) }
            do {
                try await app.store.removeAccount(name: form.name, actor: user.name)
            } catch let error as StoreError {
                throw WebError.invalid([error.description])
            }
            context.flash("删除账号 \(form.name)（其登录已全部失效）")
            return redirect(to: "/admin")
        }
        administrators.post("admin/import") { request, context -> Response in
            let user = try context.user()
            let form = try await decodeMultipart(ImportForm.self, request, limit: app.configuration.maxUploadBytes)
            try context.checkCSRF(form.csrf)
            let name = form.file.fileName ?? "upload.xml"
            // Read from memory: no temporary file to leave behind when the disk is full.
            let source = DocumentSource.memory(Data(buffer: form.file.body))
            do {
                let kind = try CaseFileReader.kind(of: source, displayName: name)
                guard kind == .registry || kind == .benchmarks else {
                    throw WebError.invalid(["\(name) 是案件文件；案件由办案人员登记或通过接口提交。"])
                }
                let counts = try await app.store.importDocument(source, kind: kind, displayName: name, actor: user.name, evidence: .none)
                app.registryChanged()
                let what = kind == .registry ? "名录：\(counts.agencies) 个机关、\(counts.officers) 名人员" : "裁量基准：\(counts.benchmarkItems) 项"
                context.flash(what)
                return redirect(to: "/admin")
            } catch let error as CaseXMLError {
                throw WebError.invalid(error.diagnostics.map(\.description))
            }
        }
    }
}

struct NewUserForm: Decodable {
    var csrf: String?
    var name: String
    var role: String
    var agency: String?
    var password: String
}

struct RemoveUserForm: Decodable {
    var csrf: String?
    var name: String
}

struct ImportForm: Decodable {
    var csrf: String?
    var file: Upload
}

struct AdminView: Encodable {
    var chrome: Chrome
    var saved: String?
    var users: [UserRow]
    var roles: [Option]
    var agencies: [Option]
    var maxUpload: String

    struct UserRow: Encodable {
        var name, role, agency, createdAt, createdBy: String
        /// The signed-in administrator's own row offers no removal.
        var isSelf: Bool
    }
}
