-- The bank-cards business database: a retail bank's customers, their cards, the cards' transactions
-- and every request made about a card. Portable SQL: runs on H2 and PostgreSQL alike.
-- Every table of customer data has a tenant column, and every tool filters on it (:_tenant).

-- Shops and services that appear on statements, with the names customers use for them.
CREATE TABLE merchants (
  name      VARCHAR(64)  PRIMARY KEY,
  name_zh   VARCHAR(64),
  category  VARCHAR(32)  NOT NULL,
  country   CHAR(2)      NOT NULL
);

CREATE TABLE customers (
  id            INTEGER      PRIMARY KEY,
  tenant        VARCHAR(40)  NOT NULL,
  full_name     VARCHAR(128) NOT NULL,
  date_of_birth DATE         NOT NULL,
  phone         VARCHAR(32)  NOT NULL,
  email         VARCHAR(128) NOT NULL,
  language      CHAR(2)      NOT NULL
);

-- A card is known to its holder by its last four digits; two customers' cards may share them, so a
-- card is found by its last four digits together with its holder.
-- status: active, frozen (temporarily, by the customer; can be unfrozen) or blocked (reported lost
-- or stolen; for good, only replaced). card_limit: a credit card's credit limit, a debit card's
-- daily spending limit, in the card's currency.
CREATE TABLE cards (
  id           INTEGER       PRIMARY KEY,
  tenant       VARCHAR(40)   NOT NULL,
  customer_id  INTEGER       NOT NULL REFERENCES customers(id),
  last4        CHAR(4)       NOT NULL,
  card_type    VARCHAR(8)    NOT NULL CHECK (card_type IN ('debit', 'credit')),
  network      VARCHAR(16)   NOT NULL,
  currency     CHAR(3)       NOT NULL,
  card_limit   DECIMAL(12,2) NOT NULL,
  status       VARCHAR(8)    NOT NULL CHECK (status IN ('active', 'frozen', 'blocked')),
  expires      CHAR(5)       NOT NULL,
  UNIQUE (customer_id, last4)
);

CREATE TABLE transactions (
  id         INTEGER       PRIMARY KEY,
  tenant     VARCHAR(40)   NOT NULL,
  card_id    INTEGER       NOT NULL REFERENCES cards(id),
  posted_on  DATE          NOT NULL,
  merchant   VARCHAR(64)   NOT NULL REFERENCES merchants(name),
  amount     DECIMAL(12,2) NOT NULL,
  currency   CHAR(3)       NOT NULL
);

-- Every change a customer asks for (block, freeze, unfreeze, replace, dispute, limit), with its
-- reference (BK and ten digits). The same request_id is never carried out twice.
CREATE TABLE card_requests (
  id             VARCHAR(16)   PRIMARY KEY,
  tenant         VARCHAR(40)   NOT NULL,
  request_id     VARCHAR(64)   NOT NULL UNIQUE,
  customer_id    INTEGER       NOT NULL REFERENCES customers(id),
  card_id        INTEGER       NOT NULL REFERENCES cards(id),
  kind           VARCHAR(16)   NOT NULL
                 CHECK (kind IN ('block', 'freeze', 'unfreeze', 'replace', 'dispute', 'limit')),
  reason         VARCHAR(16),
  delivery       VARCHAR(16),
  fee            DECIMAL(12,2),
  transaction_id INTEGER       REFERENCES transactions(id),
  old_limit      DECIMAL(12,2),
  new_limit      DECIMAL(12,2),
  status         VARCHAR(16)   NOT NULL,
  created_at     TIMESTAMP     DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE INDEX cards_by_tenant ON cards (tenant, last4);
CREATE INDEX transactions_by_card ON transactions (tenant, card_id, posted_on);
CREATE INDEX card_requests_by_tenant ON card_requests (tenant, customer_id);
