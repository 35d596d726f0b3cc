"""Demo data: a believable Norwegian Supported Employment service, synthetic from end to end.

`bistand demo` (management/commands/demo.py) plans the world (plan.py, from catalogue.py)
and replays it through the domain services (load.py). The app sits on top of every domain
app and nothing imports it.
"""
