"""The review UI's screens: the main screen and its dialogs."""
