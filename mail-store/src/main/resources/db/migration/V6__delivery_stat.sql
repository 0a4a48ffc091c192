-- Messages delivered per hour (LMTP and other new mail; imports are not deliveries) for the dashboard.
-- Each instance adds its in-memory counts with "count = count + excluded.count" every flush interval,
-- so the delivery transactions never touch this table and replicas add up.
create table delivery_stat (
    bucket timestamptz primary key,
    count  bigint not null check (count >= 0)
);
