"""The table registry: imports every domain's models so that ``Base.metadata`` knows
all tables, and the flush hooks that keep derived tables in step are installed.

Only entry points import it (the app, the command line, Alembic, the tests);
``kokoma.db`` does not, so that the database layer knows no domain.
"""

from kokoma.annual_reports import models as annual_reports
from kokoma.api_clients import models as api_clients
from kokoma.attachments import models as attachments
from kokoma.audit import models as audit
from kokoma.auth import models as auth
from kokoma.auth.sso import models as sso
from kokoma.cases import models as cases
from kokoma.cases.analysis import models as case_analysis
from kokoma.consultations import models as consultations
from kokoma.contacts import models as contacts
from kokoma.core import idempotency
from kokoma.crisis_plans import models as crisis_plans
from kokoma.db import Base
from kokoma.district_analysis import models as district_analysis
from kokoma.events import models as events
from kokoma.intake import models as intake
from kokoma.mail import models as mail
from kokoma.municipalities import models as municipalities
from kokoma.peer import models as peer
from kokoma.places import models as places
from kokoma.privacy import models as privacy
from kokoma.referrals import models as referrals
from kokoma.statistics import daily  # its table and the flush hook that fills it
from kokoma.steering import models as steering
from kokoma.tasks import models as tasks
from kokoma.trainings import models as trainings
from kokoma.trainings.certificates import models as certificates
from kokoma.users import models as users
from kokoma.webhooks import models as webhooks

# Imported for what importing does; a new domain's models join here.
MODEL_MODULES = (
    annual_reports,
    api_clients,
    attachments,
    idempotency,
    intake,
    audit,
    auth,
    sso,
    cases,
    case_analysis,
    certificates,
    consultations,
    contacts,
    crisis_plans,
    daily,
    district_analysis,
    events,
    mail,
    municipalities,
    peer,
    places,
    privacy,
    referrals,
    steering,
    tasks,
    trainings,
    users,
    webhooks,
)
metadata = Base.metadata
