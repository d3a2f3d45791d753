"""Fills a migrated Kyodo database with N organisations (default 10,000) for benchmarks.

Usage: python3 Benchmarks/generate_organisations.py DB [N]
Names, kana and summaries are combined from Japanese word lists, so search and sorting behave
as with real data; the FTS index is kept in sync by the schema's triggers.
"""
import random, sqlite3, sys

db_path = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
rng = random.Random(42)

places = [("青葉", "あおば"), ("緑が丘", "みどりがおか"), ("中央", "ちゅうおう"), ("さくら", "さくら"), ("ひかり", "ひかり"), ("みなと", "みなと"), ("本町", "ほんちょう"), ("若葉", "わかば")]
topics = [("子育て", "こそだて"), ("まちづくり", "まちづくり"), ("環境", "かんきょう"), ("福祉", "ふくし"), ("防災", "ぼうさい"), ("国際交流", "こくさいこうりゅう"), ("スポーツ", "すぽーつ"), ("文化", "ぶんか"), ("里山", "さとやま"), ("見守り", "みまもり")]
forms = [("の会", "のかい"), ("ネットワーク", "ねっとわーく"), ("クラブ", "くらぶ"), ("サークル", "さーくる"), ("応援団", "おうえんだん"), ("協議会", "きょうぎかい"), ("研究会", "けんきゅうかい")]
kinds = ["npo", "voluntary", "volunteer", "neighbourhood", "public_interest", "company", "university", "other"]
districts = ["chuo", "kita", "minami", "higashi", "nishi", "aobadai", "midorigaoka"]
sentences = ["地域の{t}に取り組んでいます。", "{p}地区を中心に活動しています。", "月に2回、定例の活動を行っています。", "市民協働事業に参加した実績があります。", "会員を募集しています。"]

con = sqlite3.connect(db_path)
con.execute("PRAGMA foreign_keys = ON")
with con:
    for i in range(count):
        p, t, f = rng.choice(places), rng.choice(topics), rng.choice(forms)
        name = f"{p[0]}{t[0]}{f[0]} {i + 1}"
        kana = f"{p[1]}{t[1]}{f[1]}"
        summary = "".join(s.format(t=t[0], p=p[0]) for s in rng.sample(sentences, 3))
        status = "active" if rng.random() < 0.9 else rng.choice(["pending", "inactive"])
        created = f"20{rng.randint(15, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T09:00:00.000Z"
        cur = con.execute(
            """INSERT INTO organisation (name, name_kana, kind, representative_name, contact_name, email, phone, address, district_code,
               founded_on, member_count, annual_budget, summary, track_record, website, status, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (name, kana, rng.choice(kinds), "代表 太郎", "担当 花子", f"info{i}@example.jp", f"045-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
             f"青葉市{p[0]}{rng.randint(1, 9)}-{rng.randint(1, 20)}", rng.choice(districts), f"20{rng.randint(0, 24):02d}-04-01",
             rng.randint(3, 500), rng.randint(0, 5_000_000), summary, f"{t[0]}に関する活動を続けています。", "", status, created, created))
        for code in rng.sample(range(1, 21), rng.randint(1, 3)):
            con.execute("INSERT INTO organisation_activity_field (organisation_id, field_code) VALUES (?, ?)", (cur.lastrowid, code))
print(f"{count} organisations in {db_path}")
