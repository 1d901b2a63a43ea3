"""What a file is, and how its damage is worded for a photo editor (no Qt, no catalogue)."""
