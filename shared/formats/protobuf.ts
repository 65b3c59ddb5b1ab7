/**
 * The few protobuf wire-format pieces the Google Authenticator migration payload
 * needs (varint, length-delimited), read with bounds checks on every byte.
 */
import { BackupCorruptError } from '../errors'

/** A field as read: its number and either a varint value or a byte range. */
export type ProtoField = { field: number; wire: 0; value: bigint } | { field: number; wire: 2; bytes: Uint8Array }

function damaged(): BackupCorruptError {
  return new BackupCorruptError('The Google Authenticator export data is damaged or truncated.')
}

/** Reads every field of one message; fixed32/fixed64 fields are skipped, groups refused. */
export function readMessage(buf: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = []
  let pos = 0
  const varint = (): bigint => {
    let result = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (pos >= buf.length) throw damaged()
      const b = buf[pos++]!
      result |= BigInt(b & 0x7f) << shift
      if ((b & 0x80) === 0) return result & 0xffffffffffffffffn
    }
    throw damaged()
  }
  while (pos < buf.length) {
    const key = varint()
    const field = Number(key >> 3n)
    const wire = Number(key & 7n)
    if (field === 0) throw damaged()
    if (wire === 0) fields.push({ field, wire, value: varint() })
    else if (wire === 2) {
      const len = varint()
      if (len > BigInt(buf.length - pos)) throw damaged()
      fields.push({ field, wire, bytes: buf.subarray(pos, pos + Number(len)) })
      pos += Number(len)
    } else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4
      if (pos > buf.length) throw damaged()
    } else throw damaged()
  }
  return fields
}

/** Builds one message from fields in order. */
export class ProtoWriter {
  private readonly parts: number[] = []

  private varint(v: bigint): void {
    let n = BigInt.asUintN(64, v)
    do {
      const b = Number(n & 0x7fn)
      n >>= 7n
      this.parts.push(n > 0n ? b | 0x80 : b)
    } while (n > 0n)
  }

  /** A varint field (int32, int64, enum). */
  uint(field: number, value: number | bigint): this {
    this.varint(BigInt((field << 3) | 0))
    this.varint(BigInt(value))
    return this
  }

  /** A length-delimited field (bytes, string as UTF-8, embedded message). */
  bytes(field: number, value: Uint8Array): this {
    this.varint(BigInt((field << 3) | 2))
    this.varint(BigInt(value.length))
    for (const b of value) this.parts.push(b)
    return this
  }

  /** The message's bytes. */
  finish(): Uint8Array {
    return Uint8Array.from(this.parts)
  }
}
