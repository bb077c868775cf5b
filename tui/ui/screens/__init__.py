"""The app's screens: one per mode, plus dialogs."""
