"""The provider partner API (issue 12): referrals made to the calling provider."""
