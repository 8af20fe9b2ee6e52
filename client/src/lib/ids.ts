/** nanoid's url-safe alphabet: 64 symbols, so a random byte masked to 6 bits picks one uniformly. */
const ALPHABET = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict';

/** A fresh nanoid-like id (21 url-safe characters by default), e.g. for clientAnswerId. */
export function newId(size = 21): string {
  const bytes = crypto.getRandomValues(new Uint8Array(size));
  let id = '';
  for (const byte of bytes) id += ALPHABET.charAt(byte & 63);
  return id;
}
