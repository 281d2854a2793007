"""Reading government work reports and extracting their quantified targets and outcomes."""
