"""The calendar export ("Zet in agenda"), an action a planner declares for itself.

`ics` writes RFC 5545 text from events and knows no plan; each planner builds its own
events (its `ACTIONS`, see calculators.actions); `export` is the calculator the
browser calls with {calculator, params}: it computes the plan itself, so no plan
travels back into Python.
"""
