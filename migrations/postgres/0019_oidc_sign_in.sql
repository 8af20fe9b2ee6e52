-- PostgreSQL twin of ../0019_oidc_sign_in.sql. SQLite compares entries with COLLATE NOCASE;
-- the service keeps them in lower case, which is what this key compares.
CREATE TABLE sign_in_allowed (
  entry      TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL
);

CREATE TABLE account_identities (
  issuer     TEXT NOT NULL,
  subject    TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX account_identities_account ON account_identities (account_id);
