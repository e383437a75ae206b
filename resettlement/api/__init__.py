"""The resettlement partner API (issue 11): resettlement providers read and update their
custody cases' plans; prisons post receptions and release-date changes (docs/api.md)."""
