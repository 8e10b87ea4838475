"""What a facilitator does on each working screen, as methods that commit before they
return and can be undone. No Textual: the screens call these."""
