# ruff: noqa: F821, B018
"""Names vulture (`make lint`) reports as unused that are used from outside our code.

MkDocs calls plugin events with keyword arguments, so an event method must accept every
keyword of the event's signature even when it does not need it.
"""

dirty  # LexiconPlugin.on_startup(*, command, dirty)
builder  # LexiconPlugin.on_serve(server, *, config, builder)
