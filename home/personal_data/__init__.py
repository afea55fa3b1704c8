"""Personal data (PIPL): finding, exporting and erasing one person's data, retention, the audit trail, exports."""
