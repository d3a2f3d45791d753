"""Adds grant calls and applications (with budget lines) to a Kyodo database that already holds
organisations, for benchmarks. Each call gets `per_call` applications from different organisations.

Usage: python3 Benchmarks/generate_applications.py DB CALLS PER_CALL
"""
import random, sqlite3, sys

db_path, calls, per_call = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(7)
con = sqlite3.connect(db_path)
con.execute("PRAGMA foreign_keys = ON")
orgs = [r[0] for r in con.execute("SELECT id FROM organisation WHERE status = 'active' ORDER BY id")]
if len(orgs) < per_call:
    sys.exit(f"need at least {per_call} active organisations, have {len(orgs)}")
projects = ["子育てひろば", "見守り活動", "森づくり", "買い物支援", "防災講座", "学習支援", "スポーツ交流", "多文化共生", "空き家活用", "配食サービス"]
now = "2026-06-01T00:00:00.000Z"
with con:
    for c in range(calls):
        fy = 2016 + c % 11
        cur = con.execute(
            "INSERT INTO call (kind, fiscal_year, title, description, opens_at, closes_at, budget_ceiling, max_amount, "
            "rate_numerator, rate_denominator, status, created_at, updated_at) VALUES "
            "('grant', ?, ?, '市民活動団体の公益的な事業に対する補助', ?, ?, ?, 500000, 1, 2, 'reviewing', ?, ?)",
            (fy, f"公益活動事業補助金 第{c + 1}回", f"{fy}-04-01T00:00:00.000Z", f"{fy}-05-31T08:00:00.000Z",
             per_call * 500000, now, now))
        call_id = cur.lastrowid
        con.execute("INSERT INTO call_criterion (call_id, position, name, description, weight, scale_min, scale_max) "
                    "VALUES (?, 1, '公益性', '', 2, 1, 5)", (call_id,))
        for org in rng.sample(orgs, per_call):
            requested = rng.randrange(100_000, 500_001, 10_000)
            status = rng.choice(["submitted", "accepted", "accepted", "approved", "rejected", "returned"])
            cur = con.execute(
                "INSERT INTO grant_application (call_id, organisation_id, status, project_title, purpose, content, "
                "requested_amount, granted_amount, created_at, updated_at, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (call_id, org, status, f"{rng.choice(projects)}事業", "地域の課題に取り組む", "年間を通じて実施する",
                 requested, requested if status == "approved" else None, now, now, now))
            app_id = cur.lastrowid
            lines = [("income", "自己資金", requested, 1), ("income", "補助金", requested, 1), ("expense", "講師謝金・会場費", 2 * requested, 1)]
            con.executemany("INSERT INTO grant_budget_line (application_id, direction, position, category, amount, eligible, note) "
                            "VALUES (?, ?, ?, ?, ?, ?, '')", [(app_id, d, i + 1, cat, amt, el) for i, (d, cat, amt, el) in enumerate(lines)])
print(f"{calls} calls with {per_call} applications each in {db_path}")
