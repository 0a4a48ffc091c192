-- A policy level may require two-factor for mail users: null inherits, like every other policy column.
alter table password_policy add column require_two_factor boolean;
