import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { StaffRole } from '@assess/shared';
import { AppError } from './errors';

/** One algorithm, pinned: a token claiming any other (`none`, RS256 with our secret as a public key…) is refused. */
const ALGORITHM = 'HS256';
export const ACCESS_TOKEN_SECONDS = 2 * 60 * 60;
export const REFRESH_TOKEN_SECONDS = 12 * 60 * 60;
/**
 * A session ends this long after its login, however often it is refreshed: an enterprise's day
 * at the questionnaire (phone and PC) fits in 24 hours; a bureau's working day in 12.
 */
export const SESSION_MAX_SECONDS = { enterprise: 24 * 60 * 60, staff: 12 * 60 * 60 } as const;
/** A staff device token (see StaffLoginResponse): how long a device stays known. */
export const DEVICE_TOKEN_SECONDS = 180 * 24 * 60 * 60;

export type { StaffRole };

/** What every token of one login carries: which session, and when it began (its absolute end follows). */
export interface SessionClaims {
  /** Session id: one per login, shared by every token the login and its refreshes produce. */
  sid: string;
  /** When the login happened (Unix seconds, OIDC's `auth_time`). */
  authTime: number;
}

export interface EnterpriseClaims extends SessionClaims {
  role: 'enterprise';
  /** Enterprise id (one enterprise document per campaign). */
  sub: string;
  /** Campaign id. */
  cid: string;
  /** Key version: a key reset bumps it and every older token stops working. */
  kv: number;
  /** Questionnaire ref pinned by the campaign, so a submit can validate before touching the database. */
  q: string;
}

export interface StaffClaims extends SessionClaims {
  role: 'staff';
  sub: string;
  staffRole: StaffRole;
  region: string | null;
  city: string | null;
  /** Password version: a password change or account change bumps it. */
  pv: number;
}

export type Claims = EnterpriseClaims | StaffClaims;
/** A refresh token's claims: its own id too, spent when it is exchanged. */
export type RefreshClaims = Claims & { jti: string };
type TokenUse = 'access' | 'refresh';

export interface SignedToken {
  token: string;
  expiresAt: Date;
}

const OBJECT_ID = /^[0-9a-f]{24}$/;
const RANDOM_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** A fresh random id for a session or a refresh token (128 bits). */
export const randomId = (): string => randomBytes(16).toString('base64url');

/** When a session ends at the latest (Unix seconds). */
export const sessionEnd = (claims: Pick<Claims, 'role' | 'authTime'>): number => claims.authTime + SESSION_MAX_SECONDS[claims.role];

/**
 * Signs and verifies our JWTs. The secret becomes a KeyObject once, at start: jsonwebtoken
 * with a string secret costs ~300 µs per call, with a KeyObject ~6-10 µs (docs/toolchain.md).
 *
 * Signing is deterministic: the same claims, use, time and id give the same token, which lets a
 * refresh retried after a lost answer get exactly the answer it lost (auth/sessions.ts).
 */
export class TokenService {
  private readonly key: KeyObject;

  constructor(private readonly options: { secret: string; issuer: string; audience: string }) {
    this.key = createSecretKey(Buffer.from(options.secret, 'utf8'));
  }

  /** An access token, or a refresh token with its id `jti`; neither outlives the session's absolute end. */
  sign(claims: Claims, use: 'access', now: Date): SignedToken;
  sign(claims: Claims, use: 'refresh', now: Date, jti: string): SignedToken;
  sign(claims: Claims, use: TokenUse, now: Date, jti?: string): SignedToken {
    const seconds = use === 'access' ? ACCESS_TOKEN_SECONDS : REFRESH_TOKEN_SECONDS;
    const iat = Math.floor(now.getTime() / 1000);
    const exp = Math.min(iat + seconds, sessionEnd(claims));
    const { sub, authTime, ...rest } = claims;
    const payload = { ...rest, auth_time: authTime, use, iat, exp, ...(use === 'refresh' ? { jti } : {}) };
    const token = jwt.sign(payload, this.key, {
      algorithm: ALGORITHM,
      issuer: this.options.issuer,
      audience: this.options.audience,
      subject: sub,
    });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Verifies signature, algorithm, issuer, audience, expiry, not-before, the token's use and every claim's shape. */
  verify(token: string, use: 'access', now: Date): Claims;
  verify(token: string, use: 'refresh', now: Date): RefreshClaims;
  verify(token: string, use: TokenUse, now: Date): Claims | RefreshClaims {
    const payload = this.decode(token, now);
    if (payload.use !== use) throw new AppError('TOKEN_INVALID');
    const claims = toClaims(payload);
    if (use === 'access') return claims;
    if (typeof payload.jti !== 'string' || !RANDOM_ID.test(payload.jti)) throw new AppError('TOKEN_INVALID');
    return { ...claims, jti: payload.jti };
  }

  /**
   * A device token: handed to a staff member's device at a successful login and shown at the
   * next ones, so that device's wrong passwords are counted apart from strangers' (auth/service).
   */
  signDevice(staffId: string, now: Date): string {
    const iat = Math.floor(now.getTime() / 1000);
    return jwt.sign({ use: 'device', did: randomId(), iat, exp: iat + DEVICE_TOKEN_SECONDS }, this.key, {
      algorithm: ALGORITHM,
      issuer: this.options.issuer,
      audience: this.options.audience,
      subject: staffId,
    });
  }

  /** The device id, when the token is a valid device token of this account; null otherwise (never an error). */
  deviceOf(token: string | undefined, staffId: string, now: Date): string | null {
    if (!token) return null;
    try {
      const payload = this.decode(token, now);
      return payload.use === 'device' && payload.sub === staffId && typeof payload.did === 'string' && RANDOM_ID.test(payload.did) ? payload.did : null;
    } catch {
      return null;
    }
  }

  private decode(token: string, now: Date): jwt.JwtPayload {
    try {
      const decoded = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTimestamp: Math.floor(now.getTime() / 1000),
      });
      if (typeof decoded === 'string') throw new Error('string payload');
      return decoded;
    } catch {
      throw new AppError('TOKEN_INVALID');
    }
  }
}

/**
 * The claims, each checked for its shape. Ids must be ObjectIds: every service turns them into
 * one, and a token with any other subject (one signed by a leaked secret, say) must be a 401, not
 * a crash. A token from before sessions (no `sid`) is refused: its holder logs in again.
 */
function toClaims(payload: jwt.JwtPayload): Claims {
  const sub = payload.sub;
  if (typeof sub !== 'string' || !OBJECT_ID.test(sub)) throw new AppError('TOKEN_INVALID');
  if (typeof payload.sid !== 'string' || !RANDOM_ID.test(payload.sid) || !Number.isInteger(payload.auth_time)) throw new AppError('TOKEN_INVALID');
  const session = { sid: payload.sid, authTime: payload.auth_time as number };
  if (payload.role === 'enterprise' && typeof payload.cid === 'string' && OBJECT_ID.test(payload.cid) && Number.isInteger(payload.kv) && typeof payload.q === 'string') {
    return { role: 'enterprise', sub, cid: payload.cid, kv: payload.kv as number, q: payload.q, ...session };
  }
  if (payload.role === 'staff' && ['national', 'region', 'city'].includes(payload.staffRole as string) && Number.isInteger(payload.pv)) {
    return {
      role: 'staff',
      sub,
      staffRole: payload.staffRole as StaffRole,
      region: typeof payload.region === 'string' ? payload.region : null,
      city: typeof payload.city === 'string' ? payload.city : null,
      pv: payload.pv as number,
      ...session,
    };
  }
  throw new AppError('TOKEN_INVALID');
}
