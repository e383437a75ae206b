"""The service centre's work: tasks for the case record and the deadlines they keep."""
