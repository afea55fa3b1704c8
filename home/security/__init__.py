"""Abuse protection: form spam and rate limits, request limits, security headers, admin sign-in, deploy checks."""
