"""Imports every domain's models so that ``Base.metadata`` knows all tables.

Alembic and the test suite import this module; application code imports the
domain modules it needs directly.
"""

from kokoma.api_clients import models as api_clients  # noqa: F401
from kokoma.audit import models as audit  # noqa: F401
from kokoma.auth import models as auth  # noqa: F401
from kokoma.cases import models as cases  # noqa: F401
from kokoma.certificates import models as certificates  # noqa: F401
from kokoma.consultations import models as consultations  # noqa: F401
from kokoma.contacts import models as contacts  # noqa: F401
from kokoma.db import Base
from kokoma.municipalities import models as municipalities  # noqa: F401
from kokoma.statistics import daily  # noqa: F401 - its table and the flush hook that fills it
from kokoma.trainings import models as trainings  # noqa: F401
from kokoma.users import models as users  # noqa: F401
from kokoma.webhooks import models as webhooks  # noqa: F401

metadata = Base.metadata
