"""The widgets of the review screen, by screen area."""
