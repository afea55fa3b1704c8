"""Running the site: scheduler, background tasks, health, error pages and reports, logging, benchmark timing."""
