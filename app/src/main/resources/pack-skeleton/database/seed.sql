INSERT INTO items (name, price_usd) VALUES ('Blue Mug', 12.00);
INSERT INTO items (name, price_usd) VALUES ('Green Teapot', 35.00);
INSERT INTO items (name, price_usd) VALUES ('Linen Napkins', 18.50);
