-- Seed data of the bank-cards demo database. Amounts are in the card's currency; every customer
-- record belongs to the default tenant. Today in the demo is early December 2026.

INSERT INTO merchants VALUES ('Lazada', '来赞达', 'online shopping', 'VN');
INSERT INTO merchants VALUES ('Highlands Coffee', '高地咖啡', 'cafe', 'VN');
INSERT INTO merchants VALUES ('Grab', '格步', 'transport', 'VN');
INSERT INTO merchants VALUES ('Apple.com/bill', '苹果', 'digital services', 'US');
INSERT INTO merchants VALUES ('Vinmart', NULL, 'supermarket', 'VN');
INSERT INTO merchants VALUES ('京东', '京东', 'online shopping', 'CN');
INSERT INTO merchants VALUES ('星巴克', '星巴克', 'cafe', 'CN');
INSERT INTO merchants VALUES ('Circle K', 'OK便利店', 'convenience store', 'VN');
INSERT INTO merchants VALUES ('Shopee', '虾皮', 'online shopping', 'VN');
INSERT INTO merchants VALUES ('Phuc Long', NULL, 'cafe', 'VN');
INSERT INTO merchants VALUES ('Netflix', '网飞', 'digital services', 'US');
INSERT INTO merchants VALUES ('Agoda', '安可达', 'travel', 'SG');
INSERT INTO merchants VALUES ('Amazon', '亚马逊', 'online shopping', 'US');
INSERT INTO merchants VALUES ('Singapore Airlines', '新加坡航空', 'travel', 'SG');
INSERT INTO merchants VALUES ('Taobao', '淘宝', 'online shopping', 'CN');
INSERT INTO merchants VALUES ('Meituan', '美团', 'food delivery', 'CN');
INSERT INTO merchants VALUES ('Didi', '滴滴出行', 'transport', 'CN');
INSERT INTO merchants VALUES ('Luckin Coffee', '瑞幸咖啡', 'cafe', 'CN');
INSERT INTO merchants VALUES ('Uniqlo', '优衣库', 'clothing', 'SG');
INSERT INTO merchants VALUES ('Pinduoduo', '拼多多', 'online shopping', 'CN');
INSERT INTO merchants VALUES ('Trip.com', '携程', 'travel', 'CN');

INSERT INTO customers VALUES (1001, 'default', 'Linh Nguyen', DATE '1990-04-12', '+84 912 345 678', 'linh.nguyen@example.com', 'en');
INSERT INTO customers VALUES (1002, 'default', '王芳', DATE '1985-09-03', '+86 138 0013 8000', 'wangfang@example.cn', 'zh');
INSERT INTO customers VALUES (1003, 'default', 'David Tan', DATE '1978-01-30', '+65 9123 4567', 'david.tan@example.sg', 'en');
INSERT INTO customers VALUES (1004, 'default', 'Minh Tran', DATE '1995-11-20', '+84 903 123 456', 'minh.tran@example.com', 'en');
INSERT INTO customers VALUES (1005, 'default', '李伟', DATE '1992-06-18', '+86 139 1234 5678', 'liwei@example.cn', 'zh');
INSERT INTO customers VALUES (1006, 'default', 'Sarah Lee', DATE '1988-02-29', '+65 8765 4321', 'sarah.lee@example.sg', 'en');
INSERT INTO customers VALUES (1007, 'default', '陈静', DATE '2000-12-25', '+86 186 0000 1234', 'chenjing@example.cn', 'zh');
INSERT INTO customers VALUES (1008, 'default', 'Ahmad Rahman', DATE '1969-07-07', '+60 12 345 6789', 'ahmad.rahman@example.my', 'en');

-- Linh Nguyen's debit card and Sarah Lee's credit card both end in 4821: the date of birth tells
-- them apart.
INSERT INTO cards VALUES (1, 'default', 1001, '4821', 'debit', 'Visa', 'USD', 1000.00, 'active', '08/29');
INSERT INTO cards VALUES (2, 'default', 1001, '7315', 'credit', 'Mastercard', 'USD', 2000.00, 'active', '03/28');
INSERT INTO cards VALUES (3, 'default', 1002, '6602', 'debit', 'UnionPay', 'CNY', 5000.00, 'active', '11/30');
INSERT INTO cards VALUES (4, 'default', 1003, '9034', 'credit', 'Visa', 'USD', 3000.00, 'frozen', '06/27');
INSERT INTO cards VALUES (5, 'default', 1004, '3390', 'debit', 'Visa', 'USD', 800.00, 'blocked', '01/28');
INSERT INTO cards VALUES (6, 'default', 1004, '5127', 'credit', 'Visa', 'USD', 1500.00, 'active', '09/29');
INSERT INTO cards VALUES (7, 'default', 1005, '8846', 'credit', 'UnionPay', 'CNY', 8000.00, 'active', '05/28');
INSERT INTO cards VALUES (8, 'default', 1006, '4821', 'credit', 'Mastercard', 'USD', 2500.00, 'active', '12/27');
INSERT INTO cards VALUES (9, 'default', 1007, '1208', 'debit', 'UnionPay', 'CNY', 3000.00, 'active', '02/30');
INSERT INTO cards VALUES (10, 'default', 1008, '2250', 'credit', 'Visa', 'USD', 4000.00, 'active', '10/28');

-- Linh Nguyen's credit card 7315
INSERT INTO transactions VALUES (1, 'default', 2, DATE '2026-08-15', 'Lazada', 45.00, 'USD');
INSERT INTO transactions VALUES (2, 'default', 2, DATE '2026-11-27', 'Highlands Coffee', 4.50, 'USD');
INSERT INTO transactions VALUES (3, 'default', 2, DATE '2026-11-28', 'Grab', 12.30, 'USD');
INSERT INTO transactions VALUES (4, 'default', 2, DATE '2026-11-29', 'Apple.com/bill', 99.00, 'USD');
INSERT INTO transactions VALUES (5, 'default', 2, DATE '2026-11-30', 'Vinmart', 35.20, 'USD');
-- Linh Nguyen's debit card 4821
INSERT INTO transactions VALUES (6, 'default', 1, DATE '2026-11-18', 'Circle K', 3.10, 'USD');
INSERT INTO transactions VALUES (7, 'default', 1, DATE '2026-11-24', 'Shopee', 27.90, 'USD');
INSERT INTO transactions VALUES (8, 'default', 1, DATE '2026-12-02', 'Phuc Long', 3.80, 'USD');
-- 王芳's debit card 6602
INSERT INTO transactions VALUES (9, 'default', 3, DATE '2026-11-28', '京东', 299.00, 'CNY');
INSERT INTO transactions VALUES (10, 'default', 3, DATE '2026-11-29', '星巴克', 36.00, 'CNY');
-- David Tan's credit card 9034 (frozen)
INSERT INTO transactions VALUES (11, 'default', 4, DATE '2026-10-02', 'Singapore Airlines', 420.00, 'USD');
INSERT INTO transactions VALUES (12, 'default', 4, DATE '2026-11-15', 'Amazon', 58.99, 'USD');
-- Minh Tran's credit card 5127 (his debit card 3390 was reported lost)
INSERT INTO transactions VALUES (13, 'default', 6, DATE '2026-11-10', 'Agoda', 210.00, 'USD');
INSERT INTO transactions VALUES (14, 'default', 6, DATE '2026-11-30', 'Netflix', 11.99, 'USD');
INSERT INTO transactions VALUES (15, 'default', 6, DATE '2026-12-01', 'Grab', 6.40, 'USD');
INSERT INTO transactions VALUES (16, 'default', 5, DATE '2026-10-28', 'Circle K', 5.60, 'USD');
-- 李伟's credit card 8846
INSERT INTO transactions VALUES (17, 'default', 7, DATE '2026-09-20', 'Taobao', 520.00, 'CNY');
INSERT INTO transactions VALUES (18, 'default', 7, DATE '2026-11-25', 'Meituan', 88.50, 'CNY');
INSERT INTO transactions VALUES (19, 'default', 7, DATE '2026-12-03', 'Didi', 42.00, 'CNY');
INSERT INTO transactions VALUES (20, 'default', 7, DATE '2026-12-04', 'Luckin Coffee', 19.90, 'CNY');
-- Sarah Lee's credit card 4821
INSERT INTO transactions VALUES (21, 'default', 8, DATE '2026-11-21', 'Uniqlo', 79.90, 'USD');
INSERT INTO transactions VALUES (22, 'default', 8, DATE '2026-12-01', '星巴克', 6.50, 'USD');
-- 陈静's debit card 1208
INSERT INTO transactions VALUES (23, 'default', 9, DATE '2026-11-30', 'Pinduoduo', 65.00, 'CNY');
INSERT INTO transactions VALUES (24, 'default', 9, DATE '2026-12-02', 'Meituan', 32.00, 'CNY');
INSERT INTO transactions VALUES (25, 'default', 9, DATE '2026-12-03', 'Trip.com', 688.00, 'CNY');
-- Ahmad Rahman's credit card 2250
INSERT INTO transactions VALUES (26, 'default', 10, DATE '2026-11-05', 'Agoda', 180.00, 'USD');
INSERT INTO transactions VALUES (27, 'default', 10, DATE '2026-11-26', 'Amazon', 129.00, 'USD');

-- Minh Tran reported his debit card lost in October.
INSERT INTO card_requests (id, tenant, request_id, customer_id, card_id, kind, reason, status, created_at)
  VALUES ('BK4410298375', 'default', 'seed-block-3390', 1004, 5, 'block', 'lost', 'done', TIMESTAMP '2026-10-30 09:12:00');
