"""Test settings: the production settings module with test-only speed-ups.

Tests run on SQLite unless DATABASE_URL is set (CI sets PostgreSQL).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-real-deployment-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# The test server speaks plain http: cookies are not Secure, so their names carry no
# __Host- prefix either (crc/settings.py); tests/test_security_headers.py checks the
# production values.
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")

from crc.settings import *  # noqa: E402,F403

# Hashing is deliberately slow in production; tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The session is saved on every request in tests, as before the once-a-minute refresh
# (SessionRefreshMiddleware): a page's query count must not depend on whether a minute
# has passed since the last request. tests/organisation/test_session_refresh.py sets its
# own value to test the rule.
SESSION_REFRESH_SECONDS = 0
