-- 郵便番号, shown and published with the address (its public flag covers both).
ALTER TABLE organisation ADD COLUMN postal_code TEXT NOT NULL DEFAULT '';
