-- The last accepted TOTP time step of an admin, so a code that was seen once (over a shoulder, in a
-- proxy log) cannot open a second session within its validity window.
alter table console_admin add column totp_last_step bigint;
