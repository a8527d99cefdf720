-- The ota-hotel business database. Portable SQL: runs on H2 and PostgreSQL alike.

CREATE TABLE cities (
  name        VARCHAR(64) PRIMARY KEY,
  name_zh     VARCHAR(64) NOT NULL,
  country     VARCHAR(64) NOT NULL,
  currency    CHAR(3)     NOT NULL
);

CREATE TABLE hotels (
  id                      INTEGER      PRIMARY KEY,
  name                    VARCHAR(128) NOT NULL UNIQUE,
  city                    VARCHAR(64)  NOT NULL REFERENCES cities(name),
  stars                   INTEGER      NOT NULL CHECK (stars BETWEEN 1 AND 5),
  area                    VARCHAR(256) NOT NULL,
  check_in_time           CHAR(5)      NOT NULL,
  check_out_time          CHAR(5)      NOT NULL,
  breakfast_included      BOOLEAN      NOT NULL,
  pets_allowed            BOOLEAN      NOT NULL,
  pool                    BOOLEAN      NOT NULL,
  free_cancellation_hours INTEGER      NOT NULL,
  name_zh                 VARCHAR(128)
);

CREATE TABLE room_types (
  id          INTEGER       PRIMARY KEY,
  hotel_id    INTEGER       NOT NULL REFERENCES hotels(id),
  name        VARCHAR(32)   NOT NULL,
  beds        VARCHAR(128)  NOT NULL,
  max_guests  INTEGER       NOT NULL,
  size_m2     INTEGER       NOT NULL,
  price_usd   DECIMAL(10,2) NOT NULL,
  total_rooms INTEGER       NOT NULL,
  UNIQUE (hotel_id, name)
);

-- One row per room type and night: its price and how many rooms are still free.
CREATE TABLE inventory (
  room_type_id INTEGER       NOT NULL REFERENCES room_types(id),
  night        DATE          NOT NULL,
  price_usd    DECIMAL(10,2) NOT NULL,
  rooms_left   INTEGER       NOT NULL CHECK (rooms_left >= 0),
  PRIMARY KEY (room_type_id, night)
);

-- A booking belongs to the tenant whose conversation made it; only that tenant finds it.
CREATE TABLE bookings (
  id           VARCHAR(16)   PRIMARY KEY,
  tenant       VARCHAR(40)   NOT NULL,
  request_id   VARCHAR(64)   NOT NULL UNIQUE,
  room_type_id INTEGER       NOT NULL REFERENCES room_types(id),
  check_in     DATE          NOT NULL,
  check_out    DATE          NOT NULL,
  rooms        INTEGER       NOT NULL CHECK (rooms > 0),
  adults       INTEGER       NOT NULL CHECK (adults > 0),
  children     INTEGER       NOT NULL CHECK (children >= 0),
  guest_name   VARCHAR(128)  NOT NULL,
  contact      VARCHAR(128)  NOT NULL,
  total_usd    DECIMAL(12,2) NOT NULL,
  status       VARCHAR(16)   NOT NULL,
  CHECK (check_out > check_in)
);

CREATE INDEX bookings_by_guest ON bookings (guest_name);
CREATE INDEX bookings_by_tenant ON bookings (tenant, id);
