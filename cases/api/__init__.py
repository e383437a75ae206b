"""The partner-facing API of the case record (police and children's social care).

Plumbing (tokens, partner resolution, the endpoint allow-list, disclosure logging,
idempotency, throttles, pagination) is crc.api's; this package only says what a
partner sees of a case and which service a partner's write calls.
"""
