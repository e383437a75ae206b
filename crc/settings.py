"""Settings for the CRC case-supervision system.

Everything that differs between a laptop and production comes from the environment
(django-environ). The defaults are the embedded ones `make run` uses: SQLite and a
filesystem broker under var/, so a fresh checkout runs without any server.
"""

from pathlib import Path

import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("CRC_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        # Fail fast: a production process must never sign sessions with a guessable key.
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"
# Old keys still accepted for signatures while a rotation settles (docs/operations.md).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "crc.organisation.admin_apps.CrcAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "oauth2_provider",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "crc.organisation",
    "crc.access",
    "crc.notifications",
    "crc.api",
    "crc.dashboards",
    "crc.retention",
    "cases",
    "unpaidwork",
    "resettlement",
    "interventions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, with a database outage at the session save answered 503 (crc/outage.py).
    "crc.outage.SessionMiddleware",
    # After SessionMiddleware, so it marks the session before that saves it.
    "crc.organisation.middleware.SessionRefreshMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's OTPMiddleware without a query per request (see its docstring).
    "crc.organisation.middleware.SessionOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends a session 12 hours after sign-in however busy it has been.
    "crc.organisation.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CSPMiddleware, so its response runs first: the admin's inline styles only.
    "crc.access.middleware.AdminInlineStyleMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Every page needs sign-in unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A password alone reaches only the second-factor steps and signing out.
    "crc.organisation.middleware.TwoFactorRequiredMiddleware",
    # Token requests per address and per client, before django-oauth-toolkit sees them.
    "crc.organisation.middleware.TokenEndpointThrottleMiddleware",
    # django-axes must come last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
    # Last of the process_view hooks: dashboards and exports read the replica, if set.
    "crc.dbrouter.ReplicaReadsMiddleware",
]

ROOT_URLCONF = "crc.urls"
WSGI_APPLICATION = "crc.wsgi.application"

# Jinja2 renders every page of ours; the Django engine stays for the admin and DRF.
# Each app keeps its own templates in <app>/templates/<app>/.
LOCAL_APPS_WITH_TEMPLATES = [
    "crc/organisation",
    "crc/access",
    "crc/notifications",
    "crc/api",
    "crc/dashboards",
    "cases",
    "unpaidwork",
    "resettlement",
    "interventions",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"]
        + [BASE_DIR / app / "templates" for app in LOCAL_APPS_WITH_TEMPLATES],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "crc.jinja2.environment",
            "autoescape": True,
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "crc.context_processors.shell",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Admin overrides live outside the Jinja2 engine's folders (it is searched first).
        "DIRS": [BASE_DIR / "crc" / "admin_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# Behind PgBouncer in transaction mode (docs/operations.md, "Scaling out"): server-side
# cursors do not survive a transaction boundary there, and a checked-then-reused
# persistent connection costs one cheap query per request.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DISABLE_SERVER_SIDE_CURSORS", default=False
)
# With persistent connections, a database restart would otherwise fail each process's
# first request on its dead connection; Django pings a reused connection first.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
# A read replica for the dashboards and exports (crc/dbrouter.py); unset: no replica,
# every query on "default" as before.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    for key in ("CONN_MAX_AGE", "DISABLE_SERVER_SIDE_CURSORS", "CONN_HEALTH_CHECKS"):
        DATABASES["replica"][key] = DATABASES["default"][key]
    # Tests see the primary through the replica's name: no second test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# PostgreSQL's JIT compiles any query whose *estimated* cost passes jit_above_cost; on
# the dashboards' and work lists' aggregates over the big tables that is 0.3-0.8 s of
# compiling for a few ms of work (bench/RESULTS.md, issue 14). Off for the web's
# connections unless DATABASE_JIT is set; sent as a startup option, so no query is added.
DATABASE_JIT = env.bool("DATABASE_JIT", default=False)
for _alias in DATABASES:
    if not DATABASE_JIT and "postgresql" in DATABASES[_alias].get("ENGINE", ""):
        _options = DATABASES[_alias].setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DATABASE_ROUTERS = ["crc.dbrouter.ReplicaRouter"]
# Views (namespace:name, shell-style patterns) that read through the replica.
REPLICA_READ_VIEWS = env.list(
    "REPLICA_READ_VIEWS", default=["dashboards:*", "access:log_csv", "*export*"]
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a web process, a worker and beat at once: WAL and
    # IMMEDIATE transactions stop "database is locked" under that light concurrency.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }
    # A file, not memory, so a real Celery worker started by the integration tests
    # can open the same test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisation.Staff"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # A bundled list of breached passwords: checked offline, nothing calls out.
    {"NAME": "crc.organisation.passwords.BreachedPasswordValidator"},
]
# An administrator's reset link works once and for three days at most.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 24 * 60 * 60)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: staff leave terminals unattended; an idle session ends after 30 minutes
# (the timeout warning in the UI counts down to this).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
# Activity extends the idle expiry, but the session row is written at most once every
# SESSION_REFRESH_SECONDS (crc.organisation.middleware.SessionRefreshMiddleware), not on
# every request: one UPDATE per signed-in request was measurable at national scale.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# However active, a session ends this long after sign-in (ASVS 7.3.2).
SESSION_ABSOLUTE_AGE = env.int("SESSION_ABSOLUTE_AGE", default=12 * 60 * 60)

# django-axes locks an account after repeated failures from anywhere (by username alone,
# so moving between addresses does not help a guesser). Separately, an address that
# fails too often across any usernames (password spraying) is refused for a while:
# crc/organisation/throttling.py, over axes's failure log.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "organisation/locked_out.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "crc.organisation.client_ip.client_ip"
SIGN_IN_IP_FAILURE_LIMIT = env.int("SIGN_IN_IP_FAILURE_LIMIT", default=20)
SIGN_IN_IP_WINDOW_MINUTES = env.int("SIGN_IN_IP_WINDOW_MINUTES", default=30)
# How many proxies in front of the web process append to X-Forwarded-For. 0 (the
# default) trusts no header and uses the socket's address; docker-compose sets 1.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# The OAuth2 token endpoint: requests per minute per address and per client id.
TOKEN_RATE_PER_IP = env.int("TOKEN_RATE_PER_IP", default=30)
TOKEN_RATE_PER_CLIENT = env.int("TOKEN_RATE_PER_CLIENT", default=10)

# Two-factor sign-in (django-otp TOTP, with ten one-time backup codes) for every staff
# account: crc/organisation/two_factor.py.
OTP_TOTP_ISSUER = "CRC case supervision"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
BACKUP_CODE_COUNT = 10

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

# Static: GOV.UK Frontend's prebuilt CSS refers to /assets/fonts and /assets/images,
# so STATIC_URL is /assets/ and the npm packages' asset folders sit at its root.
STATIC_URL = "/assets/"
STATIC_ROOT = VAR_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    NODE_MODULES / "govuk-frontend" / "dist" / "govuk" / "assets",
    NODE_MODULES / "@ministryofjustice" / "frontend" / "moj" / "assets",
    ("govuk", NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
    ("moj", NODE_MODULES / "@ministryofjustice" / "frontend" / "moj"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed but not hashed: the vendor CSS refers to its fonts by fixed paths.
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage",
    },
}
WHITENOISE_USE_FINDERS = DEBUG or env.bool("WHITENOISE_USE_FINDERS", default=False)

# Cache: Redis when given, otherwise per-process memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# E-mail: console in development, SMTP from EMAIL_URL in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="crc-supervision@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. The embedded default is kombu's filesystem transport under var/broker, which
# needs no server; production and CI point CELERY_BROKER_URL at Redis.
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    # kombu's Redis transport ignores broker_connection_timeout; without these a
    # blackholed Redis hangs the on_commit publish (worker BRPOP polls every 1 s).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}

# Absolute links in notification e-mails, e.g. https://crc.example.gov.uk; empty = paths.
SITE_URL = env.str("SITE_URL", default="")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A save must not hang on a dead broker: publish gives up quickly and the outbox
# sweep delivers later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Separate queues by kind (docs/operations.md, "Scaling out"), so a backlog of nightly
# reminders never delays a notification. Off by default: one "celery" queue, as before.
# On, start workers with -Q notifications / -Q reminders / -Q partner_exchange.
CELERY_QUEUES_BY_KIND = env.bool("CELERY_QUEUES_BY_KIND", default=False)
CELERY_ROUTES_BY_KIND = {
    "crc.notifications.tasks.*": {"queue": "notifications"},
    "crc.api.*": {"queue": "partner_exchange"},
    "*.partner_*": {"queue": "partner_exchange"},
    "cases.*": {"queue": "reminders"},
    "resettlement.*": {"queue": "reminders"},
    "unpaidwork.*": {"queue": "reminders"},
    "interventions.*": {"queue": "reminders"},
    # Nightly housekeeping (erasure in batches) runs with the other scheduled jobs.
    "crc.retention.*": {"queue": "reminders"},
}
if CELERY_QUEUES_BY_KIND:
    CELERY_TASK_ROUTES = CELERY_ROUTES_BY_KIND

# REST framework and the partner API.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "oauth2_provider.contrib.rest_framework.OAuth2Authentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CRC case supervision: partner API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for the RoSH levels wherever they appear (overall, by group, staff).
    "ENUM_NAME_OVERRIDES": {
        "RoshLevelEnum": "cases.models.RoshLevel",
        "StatusEnum": "cases.models.InformationRequestStatus",
        "PlanStatusEnum": "resettlement.models.PlanStatus",
        "ActionStatusEnum": "resettlement.models.ActionStatus",
        "ReferralStatusEnum": "interventions.models.ReferralStatus",
        "AppointmentKindEnum": "interventions.models.AppointmentKind",
    },
}
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("OAUTH_ACCESS_TOKEN_SECONDS", default=600),
    # RFC 9700 (OAuth 2.0 Security BCP): partners use only the client-credentials grant,
    # so every legacy behaviour is switched off and tokens are stored hashed.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    # Tokens carry only the scopes the partner's type allows (crc/api/scopes.py).
    "SCOPES_BACKEND_CLASS": "crc.api.scopes.PartnerScopes",
    "SCOPES": {
        "information-requests:read": "Read information requests addressed to your organisation",
        "information-requests:write": "Answer information requests addressed to your organisation",
        "events:write": "Report events about people your organisation holds a request for",
        "resettlement:plans-read": "Read the resettlement plans of your custody cases",
        "resettlement:plans-write": "Update the plan actions of your custody cases",
        "resettlement:custody-write": "Post receptions and release-date changes for your prison",
        "unpaid-work:read": "Read the sessions of the unpaid work projects you host",
        "unpaid-work:write": "Record attendance and outcomes at the sessions of your projects",
        "interventions:read": "Read the referrals made to your organisation (redacted risk only)",
        "interventions:write": "Assign, book, plan, record sessions and report on your referrals",
    },
}

# Content Security Policy (django-csp 4): no inline script except the nonce'd
# GOV.UK "js-enabled" line.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Security headers. Production runs behind TLS; these make `check --deploy` pass.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# axes.W006 asks for ip_address among the lockout parameters; we lock by username and
# throttle addresses separately with their own limit (crc/organisation/throttling.py).
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=["axes.W006"])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Policy: weeks between periodic reviews (DOMAIN.md §4).
CRC_PERIODIC_REVIEW_WEEKS = env.int("CRC_PERIODIC_REVIEW_WEEKS", default=16)
# Policy: a case with no management oversight for this many weeks shows on the dashboards.
CRC_OVERSIGHT_WEEKS = env.int("CRC_OVERSIGHT_WEEKS", default=12)

# Service name shown in the header of every page.
SERVICE_NAME = "Manage a probation case"

# --- Security hardening (issue 9): case lookup, headers, cookies, OAuth -------------
# Kept together in one block; docs/security.md explains each choice.

# The case model, for crc apps that hold a CRN as a value (notifications, the outbox)
# and ask crc.access about it without importing the domain app.
CRC_CASE_MODEL = "cases.Case"

# Every response of ours is Cache-Control: no-store (crc/access/middleware.py). Placed
# just inside whitenoise, so static assets keep their own caching.
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "crc.access.middleware.NoStoreMiddleware",
)

# Cookie names with the __Host- prefix: browsers accept such a cookie only when it is
# Secure, has Path=/ and no Domain, so no subdomain or plain-http page can plant or
# overwrite the session or CSRF cookie. Browsers refuse a __Host- cookie that is not
# Secure, so the prefix follows the secure-cookie settings: with DEBUG on (plain http on
# a laptop) or SESSION_COOKIE_SECURE=false the names stay Django's defaults.
if globals().get("SESSION_COOKIE_SECURE", False):
    SESSION_COOKIE_NAME = "__Host-sessionid"
    SESSION_COOKIE_PATH = "/"
    SESSION_COOKIE_DOMAIN = None
if globals().get("CSRF_COOKIE_SECURE", False):
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_COOKIE_PATH = "/"
    CSRF_COOKIE_DOMAIN = None
# --- end of the security hardening block ---------------------------------------------
