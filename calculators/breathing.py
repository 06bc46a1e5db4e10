"""Ademritme: breathing in step with walking.

Article: "drie stappen inademen, vier tot vijf stappen uitademen".
"""

from __future__ import annotations

from .rules import Review, Rule
from . import text
from .schema import INTEGER, Field, Schema

# A calm rhythm, the site's own thresholds: the article asks for "rustige ademhaling" and names
# "Ademhaling die continu hoog blijft" as a problem, but gives no numbers. Judged on the figures
# as shown (rounded to one decimal), so the verdict never contradicts the table.
CALM_MAX_BREATHS = 20  # breaths per minute; more is not calm
CALM_MIN_INHALE = 1.0  # seconds; a shorter inhale is not calm
# The article's example, "drie stappen inademen, vier tot vijf stappen uitademen", as (in, out).
# At the fastest cadence the form allows (140) both are calm, so a calm suggestion always exists.
ARTICLE_RHYTHMS = ((3, 4), (3, 5))

# The rules this calculator applies, shown under it as "Zo rekent deze rekenhulp".
RULES = (
    Rule(
        "Standaard adem je in over drie stappen en uit over vijf.",
        quote="Voorbeeld: drie stappen inademen, vier tot vijf stappen uitademen.",
    ),
    Rule(
        "In het voorbeeld van het artikel duurt de uitademing langer dan de inademing. Is jouw uitademing "
        "niet langer, dan rekent de rekenhulp het ritme toch uit en noemt het voorbeeld.",
        quote="Voorbeeld: drie stappen inademen, vier tot vijf stappen uitademen.",
    ),
    Rule(
        f"Een ademritme heet hier rustig bij hooguit {CALM_MAX_BREATHS} ademhalingen per minuut en een inademing "
        "van minstens 1 seconde, zoals de uitkomst ze afrondt. Is het niet rustig, dan zegt de rekenhulp dat en "
        "stelt hij het rustige ritme uit het voorbeeld van het artikel voor dat het dichtst bij het jouwe ligt "
        "(3 stappen in, 4 of 5 stappen uit)."
    ),
    Rule("Rustig wandelen is ongeveer 100 stappen per minuut; dat is de standaardwaarde."),
    Rule(
        "Ademhalingen per minuut zijn je stappen per minuut gedeeld door de stappen van één ademhaling "
        "(in en uit samen); seconden volgen uit je stappen per minuut. Alles afgerond op één decimaal."
    ),
)
REVIEW = Review("2026-11-27", "chiropractor")

SCHEMA = Schema(
    name="breathing",
    title="Ademritme tijdens het wandelen",
    result_noun="de uitkomst",
    fields=(
        Field(
            "cadence",
            INTEGER,
            "Wandeltempo",
            "Hoeveel stappen zet je per minuut? Rustig wandelen is ongeveer 100 stappen per minuut.",
            unit="stappen per minuut",
            default=100,
            min=60,
            max=140,
        ),
        Field(
            "inhale_steps",
            INTEGER,
            "Inademen over",
            "Over hoeveel stappen adem je in? Het voorbeeld van het Rugcentrum Hilversum is drie stappen.",
            unit="stappen",
            default=3,
            min=2,
            max=6,
        ),
        Field(
            "exhale_steps",
            INTEGER,
            "Uitademen over",
            "Over hoeveel stappen adem je uit? Het voorbeeld van het Rugcentrum Hilversum is vier tot "
            "vijf stappen: langer dan de inademing.",
            unit="stappen",
            default=5,
            min=2,
            max=8,
        ),
    ),
)


def one_decimal(numerator: int, denominator: int) -> float:
    """numerator / denominator rounded half up to one decimal, in exact integer arithmetic."""
    return (numerator * 20 + denominator) // (2 * denominator) / 10


def figures(cadence: int, inhale: int, exhale: int) -> dict:
    steps = inhale + exhale
    return {
        "breaths_per_minute": one_decimal(cadence, steps),
        "seconds_per_breath": one_decimal(60 * steps, cadence),
        "inhale_seconds": one_decimal(60 * inhale, cadence),
        "exhale_seconds": one_decimal(60 * exhale, cadence),
    }


def not_calm(numbers: dict) -> list[str]:
    """Why a rhythm is not calm (Dutch clauses), judged on the rounded figures; [] when it is calm."""
    reasons = []
    if numbers["breaths_per_minute"] > CALM_MAX_BREATHS:
        reasons.append(
            f"{text.number(numbers['breaths_per_minute'])} ademhalingen per minuut is meer dan {CALM_MAX_BREATHS}"
        )
    if numbers["inhale_seconds"] < CALM_MIN_INHALE:
        reasons.append(f"inademen duurt maar {text.number(numbers['inhale_seconds'])} seconden, korter dan 1 seconde")
    return reasons


def calm_suggestion(cadence: int, inhale: int, exhale: int) -> tuple[int, int]:
    """The article's calm rhythm closest to the patient's own (fewest steps changed; then the longer exhale)."""
    calm = [r for r in ARTICLE_RHYTHMS if not not_calm(figures(cadence, *r))]
    return min(calm, key=lambda r: (abs(r[0] - inhale) + abs(r[1] - exhale), -r[1]))


def compute(p: dict) -> dict:
    cadence, inhale, exhale = p["cadence"], p["inhale_steps"], p["exhale_steps"]
    result = figures(cadence, inhale, exhale)
    reasons = not_calm(result)
    result["calm"] = not reasons
    result["summary"] = (
        f"Adem in over {inhale} stappen en uit over {exhale} stappen: dat is "
        f"{text.number(result['breaths_per_minute'])} ademhalingen per minuut."
    )
    result["advice"] = ""
    if reasons:
        result["summary"] += " Dat is geen rustig ademritme."
        calm_in, calm_out = calm_suggestion(cadence, inhale, exhale)
        calm = figures(cadence, calm_in, calm_out)
        result["advice"] = (
            f"Let op: {' en '.join(reasons)}. Probeer het voorbeeld uit het artikel: "
            f"{calm_in} stappen inademen en {calm_out} stappen uitademen. Bij {cadence} stappen per minuut is dat "
            f"{text.number(calm['breaths_per_minute'])} ademhalingen per minuut."
        )
    # Shown as the table: the same text as the summary and the advice.
    result["figures"] = [
        {"name": name, "value": text.number(result[key])}
        for key, name in (
            ("breaths_per_minute", "Ademhalingen per minuut"),
            ("seconds_per_breath", "Seconden per ademhaling"),
            ("inhale_seconds", "Seconden inademen"),
            ("exhale_seconds", "Seconden uitademen"),
        )
    ]
    result["notes"] = [
        f"Inademen duurt zo {text.number(result['inhale_seconds'])} seconden, uitademen "
        f"{text.number(result['exhale_seconds'])} seconden."
    ]
    if exhale <= inhale:
        result["notes"].append(
            "Je uitademing is niet langer dan je inademing. In het voorbeeld uit het artikel adem je langer "
            "uit dan in: drie stappen inademen, vier tot vijf stappen uitademen."
        )
    if not reasons:
        result["notes"].append(
            "Een rustige uitademing tijdens wandelen versterkt ontspanning. Dit werkt vooral "
            "goed bij zenuwpijn en spanning."
        )
    return result
