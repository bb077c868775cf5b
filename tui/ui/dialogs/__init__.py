"""ModalScreens: confirm, note, ratings, summary, day detail, help, settings."""
