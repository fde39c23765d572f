import type { Contact } from '../enterprises/model';

/**
 * Contacts as bureaus see them by default (个人信息保护法 第六条: the least needed): 张* ·
 * 138****5678 · z***@example.cn. Enough to recognise a person already known; the full details
 * come from the audited "显示联系方式" action.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** Keeps the first 3 and last 4 digits of a number of 7 digits or more (the last 2 of a shorter one); separators stay. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  const [head, tail] = digits >= 7 ? [3, 4] : [0, 2];
  let seen = 0;
  return phone.trim().replace(/\d/g, (digit) => {
    const index = seen++;
    return index < head || index >= digits - tail ? digit : '*';
  });
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email ? '***' : '';
  return `${[...email][0]}***${email.slice(at)}`;
}

export function maskContact(contact: Contact): Contact {
  return { name: maskName(contact.name ?? ''), phone: maskPhone(contact.phone ?? ''), email: maskEmail(contact.email ?? '') };
}
