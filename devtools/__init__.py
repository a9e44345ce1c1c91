"""Development tools of the newsfacts repository (not installed with the library)."""
