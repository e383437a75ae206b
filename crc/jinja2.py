"""The Jinja2 environment every page of ours renders through.

GOV.UK Frontend's macros come from govuk-frontend-jinja under the prefix
"govuk_frontend_jinja/", exactly as its documentation lays them out.
"""

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, Undefined

from crc import formatting
from crc.access.pages import Page, may_use
from crc.forms_adapter import govuk_error_summary, govuk_field


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def url_or_none(name: str, *args, **kwargs) -> str | None:
    """For links to pages that may not be wired in every configuration."""
    try:
        return url(name, *args, **kwargs)
    except NoReverseMatch:
        return None


def environment(**options) -> Environment:
    project_loader = options.pop("loader")
    options["loader"] = ChoiceLoader(
        [
            project_loader,
            PrefixLoader(
                {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}
            ),
        ]
    )
    options.setdefault("extensions", []).append("jinja2.ext.loopcontrols")
    # Django picks DebugUndefined under DEBUG, which prints "{{ no such element: ... }}"
    # for a macro's missing optional parameter (an empty textarea's value), and a form
    # then posts that text. Pages render the same with and without DEBUG.
    options["undefined"] = Undefined
    # autoescape=True arrives in options from settings.TEMPLATES.
    env = Environment(**options)  # noqa: S701
    env.globals.update(
        static=static,
        url=url,
        url_or_none=url_or_none,
        now=timezone.now,
        settings_service_name=settings.SERVICE_NAME,
        get_messages=get_messages,
        govuk_field=govuk_field,
        govuk_error_summary=govuk_error_summary,
        # Page-level access for links: the same check the page's view makes.
        may_use=may_use,
        Page=Page,
    )
    env.filters.update(
        date=formatting.london_date,
        datetime=formatting.london_datetime,
        time=formatting.london_time,
    )
    return env
