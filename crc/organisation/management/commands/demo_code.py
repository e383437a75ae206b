"""Print a demo account's current sign-in code: `manage.py demo_code <username>`.

For trying the demo without an authenticator app (`make code USER=...`). It refuses
with DEBUG off: on a real service only the person's own app makes their codes.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        if not settings.DEBUG:
            raise CommandError("demo_code works only with DEBUG on (demo data only).")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(
                f"No account {username!r} with an authenticator app. Usernames are in "
                "var/demo-credentials.json."
            )
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
