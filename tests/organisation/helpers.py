"""What the staff-account admin tests share."""

from django.urls import reverse


def staff_form(person, **changes):
    """The staff admin change form as it opens for `person`, with `changes` made; a change
    to None leaves that field out of the post."""
    data = {
        "username": person.username,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "role": person.role,
        "team": person.team_id or "",
        "managed_area": person.managed_area_id or "",
        "is_active": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def staff_admin_action(client, action: str, person):
    """Run the staff list's admin action `action` (a bulk action) on `person` alone."""
    return client.post(
        reverse("admin:organisation_staff_changelist"),
        {"action": action, "_selected_action": [person.pk]},
    )
