-- The NAME business database. Portable SQL: runs on H2 and PostgreSQL alike.

CREATE TABLE items (
  name        VARCHAR(64) PRIMARY KEY,
  price_usd   DECIMAL(10, 2) NOT NULL
);

CREATE TABLE orders (
  id          VARCHAR(32) PRIMARY KEY,
  tenant      VARCHAR(64) NOT NULL,
  request_id  VARCHAR(64) NOT NULL,
  item        VARCHAR(64) NOT NULL REFERENCES items(name),
  quantity    INT NOT NULL,
  total_usd   DECIMAL(10, 2) NOT NULL,
  status      VARCHAR(16) NOT NULL
);
