"""Crisis-prevention plans (Krisenpräventionspläne): write, adopt, exercise, activate, export."""
