-- Accounts: people who sign in, their roles, sessions, one-time links and sign-in throttling.
-- Secrets are never stored in the clear: passwords as PBKDF2 hashes, tokens as SHA-256.

CREATE TABLE user_account (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    password_hash TEXT,                      -- NULL until an invited person sets a password
    preferred_locale TEXT NOT NULL DEFAULT 'ja' CHECK (preferred_locale IN ('ja', 'en')),
    department TEXT,                         -- 担当課 staff: the department they work in
    is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    password_changed_at TEXT
) STRICT;

-- One user may hold several roles. Organisation membership is the organisations feature's.
CREATE TABLE user_role (
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'department', 'council')),
    PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE session (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,                -- absolute limit; idle expiry is checked on last_seen_at
    client_address TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX session_user ON session (user_id);

-- Invitation and password-reset links: single use, time-limited, stored hashed.
CREATE TABLE account_token (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
    user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES user_account(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX account_token_user ON account_token (user_id, purpose);

CREATE TABLE sign_in_attempt (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    client_address TEXT NOT NULL,
    attempted_at TEXT NOT NULL,
    succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
) STRICT;
CREATE INDEX sign_in_attempt_email ON sign_in_attempt (email, attempted_at);
CREATE INDEX sign_in_attempt_address ON sign_in_attempt (client_address, attempted_at);

CREATE TABLE sign_in_lock (
    scope TEXT NOT NULL CHECK (scope IN ('account', 'address')),
    key TEXT NOT NULL,
    locked_until TEXT NOT NULL,
    PRIMARY KEY (scope, key)
) STRICT, WITHOUT ROWID;

-- Mail waiting to be sent; the notifications feature sends it. Until then --dev shows it.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT
) STRICT;

-- Server-side secrets (e.g. the key for anonymous CSRF tokens), generated on first start.
CREATE TABLE app_secret (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT, WITHOUT ROWID;
