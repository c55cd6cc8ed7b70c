import Foundation
import Hummingbird

/// Campaigns through the API: a campaign's results (the bureau's whole, a clerk's own agency's once
/// published), and a reviewer's queue.
struct CampaignAPIRoutes {
    let app: WebApp

    func register(on group: RouterGroup<WebRequestContext>) {
        let readers = group.group().add(middleware: RequirePermission(.readCampaignResults))
        let reviewers = group.group().add(middleware: RequirePermission(.scoreManualItems))
        let pages = CampaignRoutes(app: app)
        readers.get("campaigns/{name}/results") { _, context -> Response in
            try .json(try await pages.results(of: try CampaignRoutes.name(context), for: try context.user()))
        }
        reviewers.get("review-queue") { _, context -> Response in
            try .json(try await pages.queue(of: try context.user().name))
        }
    }
}
