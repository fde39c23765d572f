import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { StaffRole } from '@assess/shared';
import { AppError } from './errors';

/** One algorithm, pinned: a token claiming any other (`none`, RS256 with our secret as a public key…) is refused. */
const ALGORITHM = 'HS256';
export const ACCESS_TOKEN_SECONDS = 2 * 60 * 60;
export const REFRESH_TOKEN_SECONDS = 12 * 60 * 60;

export type { StaffRole };

export interface EnterpriseClaims {
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

export interface StaffClaims {
  role: 'staff';
  sub: string;
  staffRole: StaffRole;
  region: string | null;
  city: string | null;
  /** Password version: a password change or account change bumps it. */
  pv: number;
}

export type Claims = EnterpriseClaims | StaffClaims;
type TokenUse = 'access' | 'refresh';

export interface SignedToken {
  token: string;
  expiresAt: Date;
}

/**
 * Signs and verifies our JWTs. The secret becomes a KeyObject once, at start: jsonwebtoken
 * with a string secret costs ~300 µs per call, with a KeyObject ~6-10 µs (docs/toolchain.md).
 */
export class TokenService {
  private readonly key: KeyObject;

  constructor(private readonly options: { secret: string; issuer: string; audience: string }) {
    this.key = createSecretKey(Buffer.from(options.secret, 'utf8'));
  }

  sign(claims: Claims, use: TokenUse, now: Date): SignedToken {
    const seconds = use === 'access' ? ACCESS_TOKEN_SECONDS : REFRESH_TOKEN_SECONDS;
    const iat = Math.floor(now.getTime() / 1000);
    const { sub, ...rest } = claims;
    const token = jwt.sign({ ...rest, use, iat, exp: iat + seconds }, this.key, {
      algorithm: ALGORITHM,
      issuer: this.options.issuer,
      audience: this.options.audience,
      subject: sub,
    });
    return { token, expiresAt: new Date((iat + seconds) * 1000) };
  }

  /** Verifies signature, algorithm, issuer, audience, expiry, not-before and the token's use. */
  verify(token: string, use: TokenUse, now: Date): Claims {
    let payload: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTimestamp: Math.floor(now.getTime() / 1000),
      });
      if (typeof decoded === 'string') throw new Error('string payload');
      payload = decoded;
    } catch {
      throw new AppError('TOKEN_INVALID');
    }
    if (payload.use !== use || typeof payload.sub !== 'string') throw new AppError('TOKEN_INVALID');
    return toClaims(payload);
  }
}

function toClaims(payload: jwt.JwtPayload): Claims {
  const sub = payload.sub as string;
  if (payload.role === 'enterprise' && typeof payload.cid === 'string' && Number.isInteger(payload.kv) && typeof payload.q === 'string') {
    return { role: 'enterprise', sub, cid: payload.cid, kv: payload.kv as number, q: payload.q };
  }
  if (payload.role === 'staff' && ['national', 'region', 'city'].includes(payload.staffRole as string) && Number.isInteger(payload.pv)) {
    return {
      role: 'staff',
      sub,
      staffRole: payload.staffRole as StaffRole,
      region: typeof payload.region === 'string' ? payload.region : null,
      city: typeof payload.city === 'string' ? payload.city : null,
      pv: payload.pv as number,
    };
  }
  throw new AppError('TOKEN_INVALID');
}
