"""
Every change this project makes to a vendor's internals (Wagtail, wagtail-localize, wagtail-2fa, Django), in one
place: see README.md here for what each changes, why, and when it can go; tests/test_vendor_patches.py fails
when an upgrade changes what a patch relies on.
"""
