"""One module per channel that can be sent to from here; ``base`` says what a sender is."""
