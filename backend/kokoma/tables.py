"""The table registry: imports every domain's models so that ``Base.metadata`` knows
all tables, and the flush hooks that keep derived tables in step are installed.

Only entry points import it (the app, the command line, Alembic, the tests);
``kokoma.db`` does not, so that the database layer knows no domain.
"""

from kokoma.api_clients import models as api_clients  # noqa: F401
from kokoma.audit import models as audit  # noqa: F401
from kokoma.auth import models as auth  # noqa: F401
from kokoma.cases import models as cases  # noqa: F401
from kokoma.consultations import models as consultations  # noqa: F401
from kokoma.contacts import models as contacts  # noqa: F401
from kokoma.db import Base
from kokoma.events import models as events  # noqa: F401
from kokoma.municipalities import models as municipalities  # noqa: F401
from kokoma.referrals import models as referrals  # noqa: F401
from kokoma.statistics import daily  # noqa: F401 - its table and the flush hook that fills it
from kokoma.trainings import models as trainings  # noqa: F401
from kokoma.trainings.certificates import models as certificates  # noqa: F401
from kokoma.users import models as users  # noqa: F401
from kokoma.webhooks import models as webhooks  # noqa: F401

metadata = Base.metadata
