import Foundation
import HTTP
import Synchronization
import Templating

/// The running application: services, route table and HTTP server wired together.
public final class App: Sendable {
    public let services: AppServices
    public let server: Server

    public init(config: AppConfig, clock: AppClock = AppClock()) throws {
        services = try AppServices(config: config, clock: clock)
        var routes = RouteTable()
        Self.registerFeatures(in: &routes, services: services)
        try Self.checkPages(services)
        var responder = Responder(router: routes.makeRouter(services: services))
        responder.middleware = [SecurityHeaders(strictTransportSecurity: config.secureCookies)]
        responder.renderError = ErrorPages.renderer(services)
        var server = ServerConfiguration()
        server.host = config.host
        server.port = config.port
        server.accessLog = config.accessLog
        server.accessLogDescriptor = config.accessLogDescriptor
        server.limits.maxConnections = config.maxConnections
        server.limits.maxConnectionsPerAddress = config.maxConnectionsPerAddress
        server.inheritedListener = config.inheritedListener
        server.errorPage = ErrorPages.raw(services)
        self.server = Server(configuration: server, responder: responder)
        self.routeTable = routes
    }

    /// The table every route is in, for the authorization matrix test.
    public let routeTable: RouteTable

    /// Every typed page, compiled against its templates at start-up in every locale: a template
    /// naming a field its page does not have stops start-up with file and line, in every mode.
    static let pages: [any PageView.Type] = [
        DirectoryPage.self, OrganisationPage.self, ReviewPage.self, HomePage.self, PublicCallsPage.self, StaffCallsPage.self,
        ResultsPage.self, ApplicationListPage.self, SignInPage.self, ResetRequestPage.self, ResetPage.self, FormPage.self,
        LinkInvalidPage.self, InvitationPage.self, AccountPage.self, ErrorPage.self, OpenDataPage.self, OutboxPage.self,
        MyOrganisationsPage.self, AdminUsersPage.self, AdminUserPage.self, DocumentsPage.self, MembersPage.self, AuditPage.self,
        RegistrationPage.self, ProfilePage.self, MyApplicationsPage.self, CallPage.self, StaffCallPage.self, ApplicationPage.self,
        ApplicationEditPage.self, ReportPage.self, PrintPage.self, CallFormPage.self, DepartmentsPage.self, DepartmentPage.self,
        ThemesPage.self, StaffThemesPage.self, ThemePage.self, ThemeFormPage.self, ProposalPage.self, ProposalEditPage.self,
        MyProposalsPage.self, DepartmentProposalsPage.self, StaffProposalsPage.self, PublicProposalsPage.self, ProposalPrintPage.self,
        CouncilPage.self, CouncilMemberPage.self, RoundFormPage.self, RoundPage.self, ReviewQueuePage.self, ReviewItemPage.self,
        AgreementPage.self, AgreementEditPage.self, AgreementPrintPage.self, AgreementVersionsPage.self, PreConfirmationPage.self,
        AgreementsPage.self, EvaluationPage.self, StaffMeetingsPage.self, StaffMeetingPage.self, MinutesEditPage.self, MinutesReviewPage.self,
        PublicMeetingsPage.self, PublicMeetingPage.self, PublicMinutesPage.self, MinutesSearchPage.self, DatasetPage.self,
        SearchPage.self, AttentionPage.self, NotificationsPage.self, MailQueuePage.self, ConfirmationPage.self, EmailChangePage.self,
    ]

    static func checkPages(_ services: AppServices) throws {
        for page in pages {
            for template in page.templates { try services.templates.check(template, views: [LayoutView.self, page]) }
        }
    }

    /// Each feature registers its routes here, in one line.
    static func registerFeatures(in routes: inout RouteTable, services: AppServices) {
        HealthRoutes.register(in: &routes)
        HomeRoutes.register(in: &routes)
        SignInRoutes.register(in: &routes)
        AccountRoutes.register(in: &routes)
        PasswordResetRoutes.register(in: &routes)
        InvitationRoutes.register(in: &routes)
        AdminUserRoutes.register(in: &routes)
        AuditRoutes.register(in: &routes)
        DevRoutes.register(in: &routes)
        RegistrationRoutes.register(in: &routes)
        DirectoryRoutes.register(in: &routes)
        ProfileRoutes.register(in: &routes)
        MemberRoutes.register(in: &routes)
        DocumentRoutes.register(in: &routes, services: services)
        StaffOrganisationRoutes.register(in: &routes)
        OpenDataRoutes.register(in: &routes)
        CallRoutes.register(in: &routes)
        PublicCallRoutes.register(in: &routes)
        GrantRoutes.register(in: &routes)
        GrantDecisionRoutes.register(in: &routes)
        GrantResultsRoutes.register(in: &routes)
        GrantAttachmentRoutes.register(in: &routes, services: services)
        GrantReportRoutes.register(in: &routes, services: services)
        DepartmentRoutes.register(in: &routes)
        ThemeRoutes.register(in: &routes)
        ProposalRoutes.register(in: &routes)
        ProposalReviewRoutes.register(in: &routes)
        ProposalListRoutes.register(in: &routes)
        CouncilRoutes.register(in: &routes)
        ReviewRoundRoutes.register(in: &routes)
        ReviewScoringRoutes.register(in: &routes)
        AgreementRoutes.register(in: &routes)
        PreConfirmationRoutes.register(in: &routes)
        EvaluationRoutes.register(in: &routes)
        MeetingRoutes.register(in: &routes)
        MinutesRoutes.register(in: &routes)
        PublicCouncilRoutes.register(in: &routes)
        MaterialRoutes.register(in: &routes, services: services)
        DatasetRoutes.register(in: &routes)
        SiteSearchRoutes.register(in: &routes)
        CrawlerRoutes.register(in: &routes)
        AttentionRoutes.register(in: &routes)
        NotificationRoutes.register(in: &routes)
        MailRoutes.register(in: &routes)
        StaticRoutes.register(in: &routes, services: services)
    }

    private let scheduler = Mutex<Scheduler?>(nil)
    private let mailer = Mutex<Scheduler?>(nil)

    /// Starts serving, and the schedules: calls opened and closed on time, reminders hourly,
    /// housekeeping every six hours; notification mail and SMTP delivery every few seconds on a
    /// thread of their own, so a slow mail server never delays opening a call.
    public func start() throws {
        let swept = services.files.sweepTemporary()
        if swept > 0 { Log.info("removed \(swept) upload temp files left by an earlier worker") }
        try server.start()
        let services = self.services
        let reminders = services.config.reminders
        let lastReminders = Protected<Date?>(nil)
        let lastMaintenance = Protected<Date?>(nil)
        @Sendable func due(_ last: Protected<Date?>, every seconds: Double, now: Date) -> Bool {
            guard last.read({ $0.map { now.timeIntervalSince($0) >= seconds } ?? true }) else { return false }
            last.withLock { $0 = now }
            return true
        }
        scheduler.withLock {
            $0 = Scheduler(interval: 30) {
                try CallScheduler.tick(services, now: services.now())
                // Reminders at most hourly: each is recorded once, so this only bounds the work.
                if reminders, due(lastReminders, every: 3600, now: services.now()) { try ReminderJob.run(services, now: services.now()) }
                if reminders, due(lastMaintenance, every: 6 * 3600, now: services.now()) {
                    try Maintenance.run(services, now: services.now())
                }
            }
        }
        guard services.config.mailJobs else { return }
        mailer.withLock {
            $0 = Scheduler(interval: 5) {
                try NotificationMailer.run(services, now: services.now())
                try MailDelivery.run(services, now: services.now())
            }
        }
    }

    public func stop() {
        scheduler.withLock { $0?.stop(); $0 = nil }
        mailer.withLock { $0?.stop(); $0 = nil }
        server.stop()
    }
    public var port: Int { server.port }
}
