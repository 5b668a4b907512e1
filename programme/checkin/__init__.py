"""Check-in at the doors of an edition's venues: who came, where and on which day."""
