"""Who may do what: the single map from roles (and API-client scopes) to permissions."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    CONFLICT_MANAGER = "conflict_manager"
    TRAINER = "trainer"
    STEERING_GROUP = "steering_group"


class Permission(StrEnum):
    PROFILE_READ = "profile:read"
    MUNICIPALITIES_MANAGE = "municipalities:manage"
    MUNICIPALITIES_READ = "municipalities:read"
    USERS_MANAGE = "users:manage"
    # Widens users:manage from one's own municipality to all of them.
    USERS_ANY_MUNICIPALITY = "users:any_municipality"
    API_CLIENTS_MANAGE = "api_clients:manage"
    # Single sign-on: the municipalities' identity-provider configurations.
    IDENTITY_PROVIDERS_MANAGE = "identity_providers:manage"
    AUDIT_READ = "audit:read"
    CASES_READ = "cases:read"
    CASES_WRITE = "cases:write"
    # Sees `restricted` cases without being assigned, assigns conflict managers.
    CASES_COORDINATE = "cases:coordinate"
    CONSULTATIONS_READ = "consultations:read"
    CONSULTATIONS_WRITE = "consultations:write"
    CONTACTS_READ = "contacts:read"
    CONTACTS_WRITE = "contacts:write"
    TRAININGS_READ = "trainings:read"
    TRAININGS_WRITE = "trainings:write"
    STATISTICS_READ = "statistics:read"
    # Figures of every municipality side by side, for the project lead.
    STATISTICS_NETWORK = "statistics:network"
    # Exact small counts; without it, counts below the threshold are suppressed.
    STATISTICS_EXACT = "statistics:exact"
    WEBHOOKS_MANAGE = "webhooks:manage"
    CRISIS_PLANS_READ = "crisis_plans:read"
    # Drafts one owns; trainers: the exercise plans of their series.
    CRISIS_PLANS_WRITE = "crisis_plans:write"
    # Every plan of the municipality: adopts, withdraws and activates.
    CRISIS_PLANS_ADOPT = "crisis_plans:adopt"
    # Access exports, erasure approvals and legal holds (GDPR Art. 15, 17).
    PRIVACY_MANAGE = "privacy:manage"
    # Asks for a person's erasure, which someone with privacy:manage confirms.
    PRIVACY_REQUEST = "privacy:request"
    # Reports of barriers sent through the accessibility statement.
    ACCESSIBILITY_FEEDBACK_READ = "accessibility_feedback:read"
    # The public contact page: its texts, the contact point, who works the inbox.
    CONTACT_PAGE_MANAGE = "contact_page:manage"
    # The inbox of requests for help; conflict managers only when the coordination
    # named them (checked in kokoma/intake/service.py).
    REQUESTS_READ = "requests:read"
    REQUESTS_HANDLE = "requests:handle"
    # One's own consent to be named on the public page.
    PUBLIC_LISTING = "profile:public_listing"
    # Partner systems (a citizen portal) passing on requests for help.
    INTAKE_WRITE = "intake:write"
    # The regional analysis of the district: its conflict fields, figures (suppressed
    # without statistics:exact) and expertise document; no case contents.
    DISTRICT_ANALYSIS_READ = "district_analysis:read"
    DISTRICT_ANALYSIS_WRITE = "district_analysis:write"
    # One's own tasks and follow-ups.
    TASKS_READ = "tasks:read"
    TASKS_WRITE = "tasks:write"
    # Every task of the municipality: hands tasks to others, sees stalled cases.
    TASKS_COORDINATE = "tasks:coordinate"
    # The e-mail outbox and its delivery log (administrators).
    MAIL_READ = "mail:read"
    # One's own e-mail choices.
    NOTIFICATIONS_MANAGE = "notifications:manage"
    # Generated versions of the annual report to the funder (figures suppressed without
    # statistics:exact).
    ANNUAL_REPORTS_READ = "annual_reports:read"
    # The working draft of the annual report: its texts, and generating versions.
    ANNUAL_REPORTS_WRITE = "annual_reports:write"
    # Meetings of the steering group: agenda, attendance, minutes, decisions, action items.
    STEERING_READ = "steering:read"
    # Plans meetings, invites, keeps and approves the minutes (the coordination).
    STEERING_WRITE = "steering:write"
    # Peer case consultation: the groups one belongs to, their shared presentations
    # and sessions (the one channel across municipalities, kokoma/peer/access.py).
    PEER_PARTICIPATE = "peer:participate"
    # Sets up the network's peer groups and invites their members; sees no contents.
    PEER_MANAGE = "peer:manage"


P = Permission

_CASEWORK = frozenset(
    {
        P.CASES_READ,
        P.CASES_WRITE,
        P.CONSULTATIONS_READ,
        P.CONSULTATIONS_WRITE,
        P.CONTACTS_READ,
        P.CONTACTS_WRITE,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(
        {
            P.PROFILE_READ,
            P.MUNICIPALITIES_MANAGE,
            P.MUNICIPALITIES_READ,
            P.USERS_MANAGE,
            P.USERS_ANY_MUNICIPALITY,
            P.API_CLIENTS_MANAGE,
            P.IDENTITY_PROVIDERS_MANAGE,
            # Sets up webhooks for API clients; sees no payloads.
            P.WEBHOOKS_MANAGE,
            P.AUDIT_READ,
            P.STATISTICS_READ,
            P.STATISTICS_NETWORK,
            P.ACCESSIBILITY_FEEDBACK_READ,
            P.DISTRICT_ANALYSIS_READ,
            P.MAIL_READ,
            P.NOTIFICATIONS_MANAGE,
            P.PEER_MANAGE,
        }
    ),
    Role.COORDINATOR: _CASEWORK
    | {
        P.PROFILE_READ,
        P.MUNICIPALITIES_READ,
        P.CASES_COORDINATE,
        P.USERS_MANAGE,
        # Runs the qualification series together with the trainers.
        P.TRAININGS_READ,
        P.TRAININGS_WRITE,
        P.STATISTICS_READ,
        P.STATISTICS_EXACT,
        P.CRISIS_PLANS_READ,
        P.CRISIS_PLANS_WRITE,
        P.CRISIS_PLANS_ADOPT,
        P.PRIVACY_MANAGE,
        P.PRIVACY_REQUEST,
        P.ACCESSIBILITY_FEEDBACK_READ,
        P.CONTACT_PAGE_MANAGE,
        P.REQUESTS_READ,
        P.REQUESTS_HANDLE,
        P.PUBLIC_LISTING,
        P.DISTRICT_ANALYSIS_READ,
        P.DISTRICT_ANALYSIS_WRITE,
        P.TASKS_READ,
        P.TASKS_WRITE,
        P.TASKS_COORDINATE,
        P.NOTIFICATIONS_MANAGE,
        P.ANNUAL_REPORTS_READ,
        P.ANNUAL_REPORTS_WRITE,
        P.STEERING_READ,
        P.STEERING_WRITE,
        P.PEER_PARTICIPATE,
    },
    Role.CONFLICT_MANAGER: _CASEWORK
    | {
        P.PROFILE_READ,
        P.MUNICIPALITIES_READ,
        P.CRISIS_PLANS_READ,
        P.CRISIS_PLANS_WRITE,
        P.PRIVACY_REQUEST,
        P.REQUESTS_READ,
        P.REQUESTS_HANDLE,
        P.PUBLIC_LISTING,
        P.TASKS_READ,
        P.TASKS_WRITE,
        P.NOTIFICATIONS_MANAGE,
        # They present conflict fields to the steering group and carry out its action
        # items, so they read its meetings; the coordination writes them.
        P.STEERING_READ,
        P.PEER_PARTICIPATE,
    },
    Role.TRAINER: frozenset(
        {
            P.PROFILE_READ,
            P.MUNICIPALITIES_READ,
            P.TRAININGS_READ,
            P.TRAININGS_WRITE,
            P.CRISIS_PLANS_READ,
            P.CRISIS_PLANS_WRITE,
            P.TASKS_READ,
            P.TASKS_WRITE,
            P.NOTIFICATIONS_MANAGE,
        }
    ),
    Role.STEERING_GROUP: frozenset(
        {
            P.PROFILE_READ,
            P.MUNICIPALITIES_READ,
            P.STATISTICS_READ,
            P.CRISIS_PLANS_READ,
            P.DISTRICT_ANALYSIS_READ,
            P.TASKS_READ,
            P.TASKS_WRITE,
            P.NOTIFICATIONS_MANAGE,
            P.ANNUAL_REPORTS_READ,
            P.STEERING_READ,
        }
    ),
}

# Scopes an API client may be granted; each is the permission of the same name.
CLIENT_SCOPES: frozenset[Permission] = frozenset(
    {
        P.STATISTICS_READ,
        P.CASES_READ,
        P.CASES_WRITE,
        P.CONSULTATIONS_READ,
        P.CONSULTATIONS_WRITE,
        P.CONTACTS_READ,
        P.CONTACTS_WRITE,
        P.TRAININGS_READ,
        P.WEBHOOKS_MANAGE,
        # Adopted plans that are not confidential.
        P.CRISIS_PLANS_READ,
        # Requests for help from a citizen portal; answers a reference only.
        P.INTAKE_WRITE,
        # Conflict fields and figures, suppressed as in the statistics.
        P.DISTRICT_ANALYSIS_READ,
        # Generated annual reports, figures suppressed as in the statistics.
        P.ANNUAL_REPORTS_READ,
        # Meetings of the steering group, e.g. for the funder's report of a partner system.
        P.STEERING_READ,
    }
)


def permissions_for_role(role: Role) -> frozenset[Permission]:
    return ROLE_PERMISSIONS[role]


def roles_grantable_by(role: Role) -> frozenset[Role]:
    """Roles a user with ``role`` may give to others; never more than their own reach."""
    if role is Role.ADMIN:
        return frozenset(Role)
    if role is Role.COORDINATOR:
        return frozenset({Role.CONFLICT_MANAGER, Role.TRAINER, Role.STEERING_GROUP})
    return frozenset()
