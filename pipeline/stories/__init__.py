"""Stories: articles about the same event, across outlets and languages (issue 19)."""
