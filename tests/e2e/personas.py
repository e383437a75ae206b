"""The people the browser journeys sign in as (fixtures in conftest.py)."""

PASSWORD = "a-long-demo-password-for-tests"
