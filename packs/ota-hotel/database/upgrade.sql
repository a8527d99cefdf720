-- Brings a database installed by an earlier version of the pack up to date; run at every open, so
-- each statement must be safe to run again. Portable SQL: runs on H2 and PostgreSQL alike.

-- Bookings made before they were kept per tenant belong to the default tenant (the administrator's,
-- and every caller's on a server without keys).
ALTER TABLE bookings ADD COLUMN IF NOT EXISTS tenant VARCHAR(40) NOT NULL DEFAULT 'default';
CREATE INDEX IF NOT EXISTS bookings_by_tenant ON bookings (tenant, id);

-- Hotels have a Chinese name, shown in Chinese replies and understood in Chinese messages.
ALTER TABLE hotels ADD COLUMN IF NOT EXISTS name_zh VARCHAR(128);
UPDATE hotels SET name_zh = '莲花湖酒店' WHERE name = 'Lotus Lake Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '老城区精品旅馆' WHERE name = 'Old Quarter Boutique Inn' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '美溪海滩度假村' WHERE name = 'My Khe Beach Resort' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '龙桥酒店' WHERE name = 'Dragon Bridge Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '西贡河畔酒店' WHERE name = 'Saigon Riverside Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '滨城中心酒店' WHERE name = 'Ben Thanh Central Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '古镇灯笼酒店' WHERE name = 'Ancient Town Lantern Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '安邦海滩别墅' WHERE name = 'An Bang Beach Villas' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '芽庄湾度假村' WHERE name = 'Nha Trang Bay Resort' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '珊瑚花园酒店' WHERE name = 'Coral Garden Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '紫禁城四合院酒店' WHERE name = 'Forbidden City Courtyard Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '朝阳商务酒店' WHERE name = 'Chaoyang Business Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '外滩景观酒店' WHERE name = 'Bund View Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '静安花园酒店' WHERE name = 'Jing''an Garden Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '珠江酒店' WHERE name = 'Pearl River Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '广州塔套房酒店' WHERE name = 'Canton Tower Suites' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '福田中心酒店' WHERE name = 'Futian Central Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '蛇口海港酒店' WHERE name = 'Shekou Harbour Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '西湖阁酒店' WHERE name = 'West Lake Pavilion Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '河坊街客栈' WHERE name = 'Hefang Street Inn' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '湄南河畔酒店' WHERE name = 'Chao Phraya Riverside Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '素坤逸城市酒店' WHERE name = 'Sukhumvit City Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '滨海湾港湾酒店' WHERE name = 'Marina Bay Harbour Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '牛车水传承酒店' WHERE name = 'Chinatown Heritage Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '新宿天空酒店' WHERE name = 'Shinjuku Sky Hotel' AND name_zh IS NULL;
UPDATE hotels SET name_zh = '浅草花园日式旅馆' WHERE name = 'Asakusa Garden Ryokan' AND name_zh IS NULL;
