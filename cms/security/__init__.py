"""What the server adds to protect its users: security headers and the login lockout."""
