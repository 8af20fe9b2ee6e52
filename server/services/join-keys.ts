import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Async } from '../db/async.ts';
import type { SettingsRepository } from '../db/settings-repository.ts';

/** Where the server keeps the secret its join keys are made from. */
const SECRET_SETTING = 'join_key_secret';
/** 96 bits: 16 base64url characters, as shared/join-code.ts's JOIN_KEY_PATTERN expects. */
const KEY_BYTES = 12;

/**
 * The keys of join links and QR codes: an HMAC of the session's id with a secret only the server
 * holds, so each session (one made from an earlier one too: it has its own id) has its own, no
 * key is stored, and nobody without the secret can make one. The secret lives in the database's
 * settings, so a restart or a restored backup keeps every link handed out working.
 */
export class JoinKeys {
  readonly #secret: Buffer;

  constructor(secret: Buffer) {
    this.#secret = secret;
  }

  /** The server's keys: the secret kept in settings, made on the first start. */
  static async fromSettings(settings: Async<Pick<SettingsRepository, 'setIfAbsent'>>): Promise<JoinKeys> {
    // Nodes starting together on an empty database keep the one secret written first.
    const stored = await settings.setIfAbsent(SECRET_SETTING, randomBytes(32).toString('base64url'));
    return new JoinKeys(Buffer.from(stored, 'base64url'));
  }

  /** The key of a session's join link. */
  keyOf(sessionId: string): string {
    return createHmac('sha256', this.#secret).update(`join-key:${sessionId}`).digest().subarray(0, KEY_BYTES).toString('base64url');
  }

  /** Whether key is the session's, compared in constant time. */
  matches(sessionId: string, key: string): boolean {
    // Compared as text: decoding would let several spellings of the same bytes pass.
    const given = Buffer.from(key);
    const expected = Buffer.from(this.keyOf(sessionId));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
