"""The demo crisis plan of the Wartburgkreis: adopted, complete, loaded once."""

from __future__ import annotations

from sqlalchemy import func, select

from kokoma.crisis_plans.models import (
    ActivationStatus,
    CrisisPlan,
    CrisisPlanActivation,
    CrisisPlanExercise,
    PlanStatus,
)
from kokoma.crisis_plans.rules import check_adoptable, check_content
from kokoma.crisis_plans.schemas import PlanContent
from kokoma.demo.crisis_plans import EXERCISE_TITLE, TITLE
from kokoma.demo.loader import load_demo_data
from kokoma.demo.trainings import TITLE as SERIES_TITLE
from kokoma.trainings.models import TrainingSeries


async def test_demo_plan_is_adopted_complete_and_loaded_once(db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        await load_demo_data(session, settings)
    async with db() as session:
        count = await session.scalar(
            select(func.count()).select_from(CrisisPlan).where(CrisisPlan.title == TITLE)
        )
        plan = await session.scalar(select(CrisisPlan).where(CrisisPlan.title == TITLE))
        activations = list(
            await session.scalars(
                select(CrisisPlanActivation).where(CrisisPlanActivation.plan_id == plan.id)
            )
        )
        exercises = list(
            await session.scalars(
                select(CrisisPlanExercise).where(CrisisPlanExercise.plan_id == plan.id)
            )
        )
    assert count == 1
    assert plan.status is PlanStatus.ADOPTED
    content = PlanContent.model_validate(plan.content)
    check_content(content)
    check_adoptable(content)
    assert content.scenarios[0].hazard.startswith("Angekündigte Kundgebung")
    assert all(m.easy_language_text for m in content.communication.messages)
    assert len(exercises) == 1 and exercises[0].lessons_learned
    assert [(a.status, a.level) for a in activations] == [(ActivationStatus.CLOSED, 2)]
    assert activations[0].case_id is not None and activations[0].review


async def test_demo_series_has_the_final_modules_exercise_plan(db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        await load_demo_data(session, settings)
    async with db() as session:
        plans = list(
            await session.scalars(select(CrisisPlan).where(CrisisPlan.title == EXERCISE_TITLE))
        )
        assert len(plans) == 1
        series = await session.get(TrainingSeries, plans[0].training_series_id)
    # Other tests create series from the API example, which bears the same title.
    assert series is not None and series.title == SERIES_TITLE
    assert series.municipality_id == plans[0].municipality_id and plans[0].is_exercise
    check_content(PlanContent.model_validate(plans[0].content))
