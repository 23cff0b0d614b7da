"""govplan."""
