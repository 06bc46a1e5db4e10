"""Ademritme: breathing in step with walking.

Article: "drie stappen inademen, vier tot vijf stappen uitademen".
"""

from __future__ import annotations

from .rules import Review, Rule
from . import text
from .schema import INTEGER, Field, Schema

# The rules this calculator applies, shown under it as "Zo rekent deze rekenhulp".
RULES = (
    Rule(
        "Standaard adem je in over drie stappen en uit over vijf.",
        quote="Voorbeeld: drie stappen inademen, vier tot vijf stappen uitademen.",
    ),
    Rule(
        "De uitademing duurt langer dan de inademing.",
        quote="Een rustige uitademing tijdens wandelen versterkt ontspanning.",
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
            "Stappen per minuut",
            "Hoeveel stappen zet je per minuut? Rustig wandelen is ongeveer 100 stappen per minuut.",
            unit="stappen per minuut",
            default=100,
            min=60,
            max=140,
        ),
        Field(
            "inhale_steps",
            INTEGER,
            "Stappen inademen",
            "Over hoeveel stappen adem je in? Het voorbeeld van het Rugcentrum Hilversum is drie stappen.",
            unit="stappen",
            default=3,
            min=2,
            max=6,
        ),
        Field(
            "exhale_steps",
            INTEGER,
            "Stappen uitademen",
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


def check(p: dict) -> list[dict]:
    """The exhale is longer than the inhale: "drie stappen inademen, vier tot vijf stappen uitademen"."""
    inhale = p["inhale_steps"]
    if p["exhale_steps"] <= inhale:
        return [
            {
                "field": "exhale_steps",
                "message": (
                    f"Stappen uitademen: de uitademing moet langer zijn dan de inademing "
                    f"({inhale} stappen). Een rustige uitademing tijdens wandelen versterkt "
                    f"ontspanning. Vul {inhale + 1} tot en met 8 stappen in."
                ),
            }
        ]
    return []


def compute(p: dict) -> dict:
    cadence, inhale, exhale = p["cadence"], p["inhale_steps"], p["exhale_steps"]
    steps = inhale + exhale
    result = {
        "breaths_per_minute": one_decimal(cadence, steps),
        "seconds_per_breath": one_decimal(60 * steps, cadence),
        "inhale_seconds": one_decimal(60 * inhale, cadence),
        "exhale_seconds": one_decimal(60 * exhale, cadence),
    }
    result["summary"] = (
        f"Adem in over {inhale} stappen en uit over {exhale} stappen: dat is "
        f"{text.number(result['breaths_per_minute'])} ademhalingen per minuut."
    )
    result["notes"] = [
        f"Inademen duurt zo {text.number(result['inhale_seconds'])} seconden, uitademen "
        f"{text.number(result['exhale_seconds'])} seconden.",
        "Een rustige uitademing tijdens wandelen versterkt ontspanning. Dit werkt vooral "
        "goed bij zenuwpijn en spanning.",
    ]
    return result
