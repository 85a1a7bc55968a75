// Identifier formats as Auth0 prints them: `auth0|` + 24 hex (ObjectId-like), `rol_`/`con_`/`cgr_`/`job_`
// + 16 alphanumerics, 32-character ticket secrets.
import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function alphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** 4 bytes of creation time then 8 random bytes, like a MongoDB ObjectId (what Auth0's ids look like). */
export function objectIdHex(nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0').slice(-8);
  return seconds + randomBytes(8).toString('hex');
}

export const newRoleId = () => `rol_${alphanumeric(16)}`;
export const newConnectionId = () => `con_${alphanumeric(16)}`;
export const newClientGrantId = () => `cgr_${alphanumeric(16)}`;
export const newJobId = () => `job_${alphanumeric(16)}`;
export const newTicketSecret = () => alphanumeric(32);

export const ROLE_ID_PATTERN = /^rol_[A-Za-z0-9]{16}$/;
export const JOB_ID_PATTERN = /^job_[A-Za-z0-9]{16}$/;
