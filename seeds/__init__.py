"""The reports and published figures a first start loads (see SOURCES); data only, no code."""
