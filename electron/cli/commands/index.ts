/** Every `warifu` command, in the order `warifu --help` lists them. */
import type { Command } from '../io'
import { addCommand } from './add'
import { adoptCommand, orphansCommand } from './adopt'
import { codeCommand } from './code'
import { exportCommand } from './export'
import { importCommand } from './import'
import { listCommand } from './list'
import { removeCommand } from './remove'
import { scanCommand } from './scan'

export const COMMANDS: Command[] = [
  codeCommand,
  addCommand,
  listCommand,
  removeCommand,
  scanCommand,
  orphansCommand,
  adoptCommand,
  exportCommand,
  importCommand,
]
