-- The 五十音 sort key of an organisation: its reading without a legal-form prefix typed into it
-- (特定非営利活動法人, NPO法人, 一般社団法人, 株式会社 … are not where its place in the list starts).
ALTER TABLE organisation ADD COLUMN sort_kana TEXT GENERATED ALWAYS AS (ltrim(CASE
        WHEN name_kana LIKE 'とくていひえいりかつどうほうじん%' THEN substr(name_kana, 17)
        WHEN name_kana LIKE 'えぬぴーおーほうじん%' THEN substr(name_kana, 11)
        WHEN name_kana LIKE 'いっぱんしゃだんほうじん%' THEN substr(name_kana, 13)
        WHEN name_kana LIKE 'いっぱんざいだんほうじん%' THEN substr(name_kana, 13)
        WHEN name_kana LIKE 'こうえきしゃだんほうじん%' THEN substr(name_kana, 13)
        WHEN name_kana LIKE 'こうえきざいだんほうじん%' THEN substr(name_kana, 13)
        WHEN name_kana LIKE 'しゃかいふくしほうじん%' THEN substr(name_kana, 12)
        WHEN name_kana LIKE 'かぶしきがいしゃ%' THEN substr(name_kana, 9)
        WHEN name_kana LIKE 'かぶしきかいしゃ%' THEN substr(name_kana, 9)
        WHEN name_kana LIKE 'ごうどうがいしゃ%' THEN substr(name_kana, 9)
        WHEN name_kana LIKE 'ゆうげんがいしゃ%' THEN substr(name_kana, 9)
        WHEN name_kana LIKE 'にんいだんたい%' THEN substr(name_kana, 8)
        ELSE name_kana END, ' ')) VIRTUAL;
-- Replaces the index on the reading: the directory lists by status, then this key.
DROP INDEX organisation_status_kana;
CREATE INDEX organisation_status_sort ON organisation (status, sort_kana, id);
