-- Brings a database installed by an earlier version of the pack up to date; run at every open, so
-- each statement must be safe to run again. Portable SQL: runs on H2 and PostgreSQL alike.

-- Bookings made before they were kept per tenant belong to the default tenant (the administrator's,
-- and every caller's on a server without keys).
ALTER TABLE bookings ADD COLUMN IF NOT EXISTS tenant VARCHAR(40) NOT NULL DEFAULT 'default';
CREATE INDEX IF NOT EXISTS bookings_by_tenant ON bookings (tenant, id);

-- Hotels have a Chinese name, shown in Chinese replies (empty in databases installed before it).
ALTER TABLE hotels ADD COLUMN IF NOT EXISTS name_zh VARCHAR(128);
