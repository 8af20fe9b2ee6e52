import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are people's, so unlike the random secrets of secrets.ts they can be guessed: they
 * are stored with scrypt, a memory-hard function that makes each guess cost 32 MiB and tens of
 * milliseconds. Stored as "scrypt$N$r$p$salt$hash", salt and hash base64url, so the cost can be
 * raised later without breaking the hashes already stored.
 */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** A stored hash naming a cost above this is refused rather than allowed to exhaust memory. */
const MAX_N = 2 ** 20;

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }, keyLength: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that at N=2^15, r=8,
  // and refuses it, so the ceiling is raised with some room.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function parse(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const hash = Buffer.from(parts[5] ?? '', 'base64url');
  if (N === undefined || r === undefined || p === undefined) return null;
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return null;
  if (salt.length === 0 || hash.length === 0) return null;
  return { N, r, p, salt, hash };
}

/** A new "scrypt$N$r$p$salt$hash" for password, with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, SCRYPT_PARAMS, KEY_BYTES);
  const { N, r, p } = SCRYPT_PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * Whether password matches a stored hash, compared in constant time. A malformed stored value
 * never matches (and still costs one scrypt, so it does not answer faster).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) {
    await verifyAgainstDummy(password);
    return false;
  }
  const candidate = await derive(password, parsed.salt, parsed, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

/**
 * The hash of a random password nobody kept, in the current format and cost. A constant rather
 * than one made at start-up, so that the first unknown email costs one scrypt like the others.
 */
const DUMMY_HASH = parse('scrypt$32768$8$1$sSzJfVMPh7otKWJp78jpmg$Mb6R1Iz0Y69gjhwENkVAP4_4hlkHcs-XdzG8f2prACI') as ParsedHash;

/**
 * Spends the time of a real verification and answers false. Used when the email is unknown,
 * so that how long a sign-in takes does not tell whether the address has an account.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  const candidate = await derive(password, DUMMY_HASH.salt, DUMMY_HASH, DUMMY_HASH.hash.length);
  timingSafeEqual(candidate, DUMMY_HASH.hash);
  return false;
}
