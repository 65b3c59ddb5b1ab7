/**
 * The vault's ids: a vault's, an account's and an import batch's are all 16 lowercase hex digits
 * (64 random bits), so one pair makes and checks them all.
 */
import { randomBytes } from 'node:crypto'

const HEX_ID = /^[0-9a-f]{16}$/

/** A fresh random id (vault, account or import batch). */
export function newHexId(): string {
  return randomBytes(8).toString('hex')
}

/** True for an id as newHexId() makes them. */
export function isHexId(value: string): boolean {
  return HEX_ID.test(value)
}
