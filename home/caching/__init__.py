"""Serving fast: the HTML cache and what invalidates it, cached routing and site data, compression, CDN purges."""
