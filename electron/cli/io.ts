/** What a CLI command may touch: injected so tests run commands in-process with a fixed clock. */
import type { Vault } from '../vault/vault'

export interface CliIo {
  out(line: string): void
  err(line: string): void
  /** All of standard input as text (for `--secret -`). */
  readStdin(): Promise<string>
  /** The clock, ms since the epoch. */
  now(): number
  /** True when standard output is a terminal (a person reading, not a pipe); absent means no. */
  stdoutIsTerminal?: boolean
  /** Opens the user's vault (keychain + metadata); reports repairs through err(). */
  openVault(): Promise<Vault>
  /**
   * Opens it for one account's code only, reading just that account's secret (Vault.openForOne);
   * absent means openVault() (the in-process tests).
   */
  openVaultForOne?(choose: (vault: Vault) => string): Promise<Vault>
}

/** A command of the `warifu` tool. */
export interface Command {
  name: string
  /** One line for `warifu --help`. */
  summary: string
  /** Full text for `warifu <command> --help`. */
  help: string
  /** Resolves to nothing for success, or to the exit code a command chooses (warifu check: 1, 3). */
  run(args: string[], io: CliIo): Promise<void | number>
}
