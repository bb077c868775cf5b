"""The pure core: routine content, calendar maths and statistics (standard library and dateutil only)."""
