-- Sign-in with the agency's OpenID Connect provider (OIDC_ISSUER). An account made by a first
-- sign-in there has no password: its password_hash is the marker 'oidc', which no password
-- matches (not a "scrypt$…" value), so email-and-password never opens it.

-- Which emails may become facilitators on their first sign-in with the provider: a whole
-- address ("ana@servicio.cl") or every address of a domain ("@servicio.cl"). Staff data only.
CREATE TABLE sign_in_allowed (
  entry      TEXT PRIMARY KEY COLLATE NOCASE,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- The provider's person (issuer + subject, stable where an email may change) behind an account.
CREATE TABLE account_identities (
  issuer     TEXT NOT NULL,
  subject    TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (issuer, subject)
) WITHOUT ROWID;
CREATE INDEX account_identities_account ON account_identities (account_id);
