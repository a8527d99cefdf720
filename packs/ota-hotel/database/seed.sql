-- Seed data of the ota-hotel demo database: cities, hotels, room types (the same hotels as
-- knowledge/hotels/*.md), then a price and free rooms for every night from a week ago to 400 days ahead.

INSERT INTO cities VALUES ('Hanoi', '河内', 'Vietnam', 'VND');
INSERT INTO cities VALUES ('Da Nang', '岘港', 'Vietnam', 'VND');
INSERT INTO cities VALUES ('Ho Chi Minh City', '胡志明市', 'Vietnam', 'VND');
INSERT INTO cities VALUES ('Hoi An', '会安', 'Vietnam', 'VND');
INSERT INTO cities VALUES ('Nha Trang', '芽庄', 'Vietnam', 'VND');
INSERT INTO cities VALUES ('Beijing', '北京', 'China', 'CNY');
INSERT INTO cities VALUES ('Shanghai', '上海', 'China', 'CNY');
INSERT INTO cities VALUES ('Guangzhou', '广州', 'China', 'CNY');
INSERT INTO cities VALUES ('Shenzhen', '深圳', 'China', 'CNY');
INSERT INTO cities VALUES ('Hangzhou', '杭州', 'China', 'CNY');
INSERT INTO cities VALUES ('Bangkok', '曼谷', 'Thailand', 'THB');
INSERT INTO cities VALUES ('Singapore', '新加坡', 'Singapore', 'SGD');
INSERT INTO cities VALUES ('Tokyo', '东京', 'Japan', 'JPY');

INSERT INTO hotels VALUES (1, 'Lotus Lake Hotel', 'Hanoi', 4, 'Hoan Kiem, near the lake', '15:00', '12:00', FALSE, TRUE, TRUE, 48, '莲花湖酒店');
INSERT INTO room_types VALUES (1, 1, 'Standard', 'one double bed or two single beds', 2, 22, 103, 20);
INSERT INTO room_types VALUES (2, 1, 'Deluxe', 'one king bed', 2, 30, 144, 12);
INSERT INTO room_types VALUES (3, 1, 'Family', 'one king bed and two single beds', 4, 42, 185, 6);
INSERT INTO hotels VALUES (2, 'Old Quarter Boutique Inn', 'Hanoi', 3, 'Hang Bac Street, Old Quarter', '14:00', '12:00', FALSE, TRUE, FALSE, 72, '老城区精品旅馆');
INSERT INTO room_types VALUES (4, 2, 'Standard', 'one double bed or two single beds', 2, 22, 46, 20);
INSERT INTO room_types VALUES (5, 2, 'Deluxe', 'one king bed', 2, 30, 64, 12);
INSERT INTO room_types VALUES (6, 2, 'Family', 'one king bed and two single beds', 4, 42, 83, 6);
INSERT INTO hotels VALUES (3, 'My Khe Beach Resort', 'Da Nang', 5, 'Vo Nguyen Giap Road, facing My Khe beach', '15:00', '12:00', TRUE, TRUE, TRUE, 24, '美溪海滩度假村');
INSERT INTO room_types VALUES (7, 3, 'Standard', 'one double bed or two single beds', 2, 22, 152, 20);
INSERT INTO room_types VALUES (8, 3, 'Deluxe', 'one king bed', 2, 30, 213, 12);
INSERT INTO room_types VALUES (9, 3, 'Family', 'one king bed and two single beds', 4, 42, 274, 6);
INSERT INTO room_types VALUES (10, 3, 'Suite', 'a separate living room and one king bed', 3, 65, 426, 3);
INSERT INTO hotels VALUES (4, 'Dragon Bridge Hotel', 'Da Nang', 4, 'Bach Dang Street, on the Han river', '14:00', '11:00', FALSE, TRUE, TRUE, 24, '龙桥酒店');
INSERT INTO room_types VALUES (11, 4, 'Standard', 'one double bed or two single beds', 2, 22, 108, 20);
INSERT INTO room_types VALUES (12, 4, 'Deluxe', 'one king bed', 2, 30, 151, 12);
INSERT INTO room_types VALUES (13, 4, 'Family', 'one king bed and two single beds', 4, 42, 194, 6);
INSERT INTO hotels VALUES (5, 'Saigon Riverside Hotel', 'Ho Chi Minh City', 5, 'Ton Duc Thang Street, District 1', '14:00', '12:00', TRUE, TRUE, TRUE, 48, '西贡河畔酒店');
INSERT INTO room_types VALUES (14, 5, 'Standard', 'one double bed or two single beds', 2, 22, 179, 20);
INSERT INTO room_types VALUES (15, 5, 'Deluxe', 'one king bed', 2, 30, 251, 12);
INSERT INTO room_types VALUES (16, 5, 'Family', 'one king bed and two single beds', 4, 42, 322, 6);
INSERT INTO room_types VALUES (17, 5, 'Suite', 'a separate living room and one king bed', 3, 65, 501, 3);
INSERT INTO hotels VALUES (6, 'Ben Thanh Central Hotel', 'Ho Chi Minh City', 3, 'Le Loi Boulevard, District 1', '14:00', '12:00', FALSE, FALSE, FALSE, 72, '滨城中心酒店');
INSERT INTO room_types VALUES (18, 6, 'Standard', 'one double bed or two single beds', 2, 22, 66, 20);
INSERT INTO room_types VALUES (19, 6, 'Deluxe', 'one king bed', 2, 30, 92, 12);
INSERT INTO room_types VALUES (20, 6, 'Family', 'one king bed and two single beds', 4, 42, 119, 6);
INSERT INTO hotels VALUES (7, 'Ancient Town Lantern Hotel', 'Hoi An', 4, 'Tran Phu Street, a short walk from the Japanese Bridge', '15:00', '12:00', FALSE, FALSE, TRUE, 24, '古镇灯笼酒店');
INSERT INTO room_types VALUES (21, 7, 'Standard', 'one double bed or two single beds', 2, 22, 80, 20);
INSERT INTO room_types VALUES (22, 7, 'Deluxe', 'one king bed', 2, 30, 112, 12);
INSERT INTO room_types VALUES (23, 7, 'Family', 'one king bed and two single beds', 4, 42, 144, 6);
INSERT INTO hotels VALUES (8, 'An Bang Beach Villas', 'Hoi An', 4, 'An Bang beach, 4 km from the ancient town', '14:00', '11:00', FALSE, FALSE, TRUE, 72, '安邦海滩别墅');
INSERT INTO room_types VALUES (24, 8, 'Standard', 'one double bed or two single beds', 2, 22, 81, 20);
INSERT INTO room_types VALUES (25, 8, 'Deluxe', 'one king bed', 2, 30, 113, 12);
INSERT INTO room_types VALUES (26, 8, 'Family', 'one king bed and two single beds', 4, 42, 146, 6);
INSERT INTO hotels VALUES (9, 'Nha Trang Bay Resort', 'Nha Trang', 5, 'Tran Phu beach road', '14:00', '11:00', TRUE, FALSE, TRUE, 72, '芽庄湾度假村');
INSERT INTO room_types VALUES (27, 9, 'Standard', 'one double bed or two single beds', 2, 22, 150, 20);
INSERT INTO room_types VALUES (28, 9, 'Deluxe', 'one king bed', 2, 30, 210, 12);
INSERT INTO room_types VALUES (29, 9, 'Family', 'one king bed and two single beds', 4, 42, 270, 6);
INSERT INTO room_types VALUES (30, 9, 'Suite', 'a separate living room and one king bed', 3, 65, 420, 3);
INSERT INTO hotels VALUES (10, 'Coral Garden Hotel', 'Nha Trang', 3, 'Nguyen Thien Thuat Street, 300 m from the beach', '14:00', '11:00', FALSE, FALSE, TRUE, 24, '珊瑚花园酒店');
INSERT INTO room_types VALUES (31, 10, 'Standard', 'one double bed or two single beds', 2, 22, 60, 20);
INSERT INTO room_types VALUES (32, 10, 'Deluxe', 'one king bed', 2, 30, 84, 12);
INSERT INTO room_types VALUES (33, 10, 'Family', 'one king bed and two single beds', 4, 42, 108, 6);
INSERT INTO hotels VALUES (11, 'Forbidden City Courtyard Hotel', 'Beijing', 4, 'Dongcheng District, near Wangfujing', '14:00', '11:00', FALSE, FALSE, TRUE, 72, '紫禁城四合院酒店');
INSERT INTO room_types VALUES (34, 11, 'Standard', 'one double bed or two single beds', 2, 22, 94, 20);
INSERT INTO room_types VALUES (35, 11, 'Deluxe', 'one king bed', 2, 30, 132, 12);
INSERT INTO room_types VALUES (36, 11, 'Family', 'one king bed and two single beds', 4, 42, 169, 6);
INSERT INTO hotels VALUES (12, 'Chaoyang Business Hotel', 'Beijing', 5, 'Chaoyang District, near Guomao', '14:00', '11:00', TRUE, FALSE, TRUE, 72, '朝阳商务酒店');
INSERT INTO room_types VALUES (37, 12, 'Standard', 'one double bed or two single beds', 2, 22, 156, 20);
INSERT INTO room_types VALUES (38, 12, 'Deluxe', 'one king bed', 2, 30, 218, 12);
INSERT INTO room_types VALUES (39, 12, 'Family', 'one king bed and two single beds', 4, 42, 281, 6);
INSERT INTO room_types VALUES (40, 12, 'Suite', 'a separate living room and one king bed', 3, 65, 437, 3);
INSERT INTO hotels VALUES (13, 'Bund View Hotel', 'Shanghai', 5, 'Zhongshan East Road, on the Bund', '14:00', '12:00', TRUE, FALSE, TRUE, 72, '外滩景观酒店');
INSERT INTO room_types VALUES (41, 13, 'Standard', 'one double bed or two single beds', 2, 22, 185, 20);
INSERT INTO room_types VALUES (42, 13, 'Deluxe', 'one king bed', 2, 30, 259, 12);
INSERT INTO room_types VALUES (43, 13, 'Family', 'one king bed and two single beds', 4, 42, 333, 6);
INSERT INTO room_types VALUES (44, 13, 'Suite', 'a separate living room and one king bed', 3, 65, 518, 3);
INSERT INTO hotels VALUES (14, 'Jing''an Garden Hotel', 'Shanghai', 4, 'Jing''an District, near Jing''an Temple', '14:00', '12:00', FALSE, FALSE, TRUE, 72, '静安花园酒店');
INSERT INTO room_types VALUES (45, 14, 'Standard', 'one double bed or two single beds', 2, 22, 99, 20);
INSERT INTO room_types VALUES (46, 14, 'Deluxe', 'one king bed', 2, 30, 139, 12);
INSERT INTO room_types VALUES (47, 14, 'Family', 'one king bed and two single beds', 4, 42, 178, 6);
INSERT INTO hotels VALUES (15, 'Pearl River Hotel', 'Guangzhou', 4, 'Yuexiu District, on the Pearl River', '14:00', '11:00', FALSE, FALSE, TRUE, 24, '珠江酒店');
INSERT INTO room_types VALUES (48, 15, 'Standard', 'one double bed or two single beds', 2, 22, 94, 20);
INSERT INTO room_types VALUES (49, 15, 'Deluxe', 'one king bed', 2, 30, 132, 12);
INSERT INTO room_types VALUES (50, 15, 'Family', 'one king bed and two single beds', 4, 42, 169, 6);
INSERT INTO hotels VALUES (16, 'Canton Tower Suites', 'Guangzhou', 5, 'Haizhu District, near Canton Tower', '14:00', '12:00', TRUE, FALSE, TRUE, 48, '广州塔套房酒店');
INSERT INTO room_types VALUES (51, 16, 'Standard', 'one double bed or two single beds', 2, 22, 163, 20);
INSERT INTO room_types VALUES (52, 16, 'Deluxe', 'one king bed', 2, 30, 228, 12);
INSERT INTO room_types VALUES (53, 16, 'Family', 'one king bed and two single beds', 4, 42, 293, 6);
INSERT INTO room_types VALUES (54, 16, 'Suite', 'a separate living room and one king bed', 3, 65, 456, 3);
INSERT INTO hotels VALUES (17, 'Futian Central Hotel', 'Shenzhen', 4, 'Futian District, near the Convention Center', '14:00', '11:00', FALSE, TRUE, TRUE, 48, '福田中心酒店');
INSERT INTO room_types VALUES (55, 17, 'Standard', 'one double bed or two single beds', 2, 22, 79, 20);
INSERT INTO room_types VALUES (56, 17, 'Deluxe', 'one king bed', 2, 30, 111, 12);
INSERT INTO room_types VALUES (57, 17, 'Family', 'one king bed and two single beds', 4, 42, 142, 6);
INSERT INTO hotels VALUES (18, 'Shekou Harbour Hotel', 'Shenzhen', 3, 'Nanshan District, Shekou ferry terminal', '15:00', '12:00', FALSE, FALSE, FALSE, 24, '蛇口海港酒店');
INSERT INTO room_types VALUES (58, 18, 'Standard', 'one double bed or two single beds', 2, 22, 58, 20);
INSERT INTO room_types VALUES (59, 18, 'Deluxe', 'one king bed', 2, 30, 81, 12);
INSERT INTO room_types VALUES (60, 18, 'Family', 'one king bed and two single beds', 4, 42, 104, 6);
INSERT INTO hotels VALUES (19, 'West Lake Pavilion Hotel', 'Hangzhou', 5, 'Xihu District, on the West Lake', '14:00', '11:00', TRUE, FALSE, TRUE, 72, '西湖阁酒店');
INSERT INTO room_types VALUES (61, 19, 'Standard', 'one double bed or two single beds', 2, 22, 159, 20);
INSERT INTO room_types VALUES (62, 19, 'Deluxe', 'one king bed', 2, 30, 223, 12);
INSERT INTO room_types VALUES (63, 19, 'Family', 'one king bed and two single beds', 4, 42, 286, 6);
INSERT INTO room_types VALUES (64, 19, 'Suite', 'a separate living room and one king bed', 3, 65, 445, 3);
INSERT INTO hotels VALUES (20, 'Hefang Street Inn', 'Hangzhou', 3, 'Shangcheng District, Hefang Street', '14:00', '12:00', FALSE, FALSE, FALSE, 24, '河坊街客栈');
INSERT INTO room_types VALUES (65, 20, 'Standard', 'one double bed or two single beds', 2, 22, 70, 20);
INSERT INTO room_types VALUES (66, 20, 'Deluxe', 'one king bed', 2, 30, 98, 12);
INSERT INTO room_types VALUES (67, 20, 'Family', 'one king bed and two single beds', 4, 42, 126, 6);
INSERT INTO hotels VALUES (21, 'Chao Phraya Riverside Hotel', 'Bangkok', 5, 'Charoen Krung Road, on the river', '14:00', '11:00', TRUE, TRUE, TRUE, 72, '湄南河畔酒店');
INSERT INTO room_types VALUES (68, 21, 'Standard', 'one double bed or two single beds', 2, 22, 156, 20);
INSERT INTO room_types VALUES (69, 21, 'Deluxe', 'one king bed', 2, 30, 218, 12);
INSERT INTO room_types VALUES (70, 21, 'Family', 'one king bed and two single beds', 4, 42, 281, 6);
INSERT INTO room_types VALUES (71, 21, 'Suite', 'a separate living room and one king bed', 3, 65, 437, 3);
INSERT INTO hotels VALUES (22, 'Sukhumvit City Hotel', 'Bangkok', 3, 'Sukhumvit Soi 11, near Nana BTS', '14:00', '12:00', FALSE, TRUE, FALSE, 24, '素坤逸城市酒店');
INSERT INTO room_types VALUES (72, 22, 'Standard', 'one double bed or two single beds', 2, 22, 60, 20);
INSERT INTO room_types VALUES (73, 22, 'Deluxe', 'one king bed', 2, 30, 84, 12);
INSERT INTO room_types VALUES (74, 22, 'Family', 'one king bed and two single beds', 4, 42, 108, 6);
INSERT INTO hotels VALUES (23, 'Marina Bay Harbour Hotel', 'Singapore', 5, 'Marina Bay, Raffles Avenue', '14:00', '11:00', TRUE, FALSE, TRUE, 24, '滨海湾港湾酒店');
INSERT INTO room_types VALUES (75, 23, 'Standard', 'one double bed or two single beds', 2, 22, 154, 20);
INSERT INTO room_types VALUES (76, 23, 'Deluxe', 'one king bed', 2, 30, 216, 12);
INSERT INTO room_types VALUES (77, 23, 'Family', 'one king bed and two single beds', 4, 42, 277, 6);
INSERT INTO room_types VALUES (78, 23, 'Suite', 'a separate living room and one king bed', 3, 65, 431, 3);
INSERT INTO hotels VALUES (24, 'Chinatown Heritage Hotel', 'Singapore', 3, 'Pagoda Street, Chinatown', '15:00', '11:00', FALSE, FALSE, FALSE, 24, '牛车水传承酒店');
INSERT INTO room_types VALUES (79, 24, 'Standard', 'one double bed or two single beds', 2, 22, 48, 20);
INSERT INTO room_types VALUES (80, 24, 'Deluxe', 'one king bed', 2, 30, 67, 12);
INSERT INTO room_types VALUES (81, 24, 'Family', 'one king bed and two single beds', 4, 42, 86, 6);
INSERT INTO hotels VALUES (25, 'Shinjuku Sky Hotel', 'Tokyo', 4, 'Nishi-Shinjuku, 5 minutes from Shinjuku Station', '14:00', '11:00', FALSE, FALSE, TRUE, 48, '新宿天空酒店');
INSERT INTO room_types VALUES (82, 25, 'Standard', 'one double bed or two single beds', 2, 22, 78, 20);
INSERT INTO room_types VALUES (83, 25, 'Deluxe', 'one king bed', 2, 30, 109, 12);
INSERT INTO room_types VALUES (84, 25, 'Family', 'one king bed and two single beds', 4, 42, 140, 6);
INSERT INTO hotels VALUES (26, 'Asakusa Garden Ryokan', 'Tokyo', 3, 'Asakusa, near Senso-ji Temple', '14:00', '12:00', FALSE, FALSE, FALSE, 48, '浅草花园日式旅馆');
INSERT INTO room_types VALUES (85, 26, 'Standard', 'one double bed or two single beds', 2, 22, 43, 20);
INSERT INTO room_types VALUES (86, 26, 'Deluxe', 'one king bed', 2, 30, 60, 12);
INSERT INTO room_types VALUES (87, 26, 'Family', 'one king bed and two single beds', 4, 42, 77, 6);

INSERT INTO inventory (room_type_id, night, price_usd, rooms_left)
-- Nights from October 2026 (the dates the pack's stories are told on, whenever it is installed) or a
-- week back, whichever is earlier, to 400 days ahead.
WITH RECURSIVE nights (night) AS (
  SELECT LEAST(CAST(CURRENT_DATE - INTERVAL '7' DAY AS DATE), DATE '2026-10-01')
  UNION ALL
  SELECT CAST(CAST(night AS DATE) + INTERVAL '1' DAY AS DATE) FROM nights
  WHERE night < CAST(CURRENT_DATE + INTERVAL '400' DAY AS DATE)
)
SELECT r.id, nights.night,
       CAST(r.price_usd * (1 + 0.1 * MOD(EXTRACT(DAY FROM nights.night), 3)) AS DECIMAL(10,2)),
       r.total_rooms
FROM room_types r CROSS JOIN nights;
