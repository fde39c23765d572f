let table: Map<string, Buffer> | undefined;

/**
 * Encodes text as GB18030/GBK (test helper; Node can decode it but not encode it): the table is
 * the inverse of TextDecoder('gb18030') over the two-byte range, which covers all common Hanzi.
 */
export function encodeGb18030(text: string): Buffer {
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead += 1) {
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        const pair = Buffer.from([lead, trail]);
        const char = decoder.decode(pair);
        if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, pair);
      }
    }
  }
  const parts: Buffer[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) parts.push(Buffer.from(char, 'latin1'));
    else {
      const bytes = table.get(char);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${char}`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}
