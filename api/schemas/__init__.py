"""API schemas: request bodies, envelopes and the shapes the API adds around domain answers."""
