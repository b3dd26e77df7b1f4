"""Demo data: a small municipality's last year, lived through the services (`demo_data`)."""
