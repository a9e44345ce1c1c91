"""Per-language data: the loader, the language policy, a shared ``_base`` layer and one folder
per language (``lang/<code>/<kind>.yaml``, checked against ``lang/schemas/<kind>.schema.json``)."""
