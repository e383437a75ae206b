"""The case record: the person, their orders, requirements and licence conditions."""
